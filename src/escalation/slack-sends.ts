import type { DeliveryResult, EscalationStep, Incident } from '../incidents/types';
import type { Contacts } from '../runbooks/schema';
import type { SlackMessage } from '../slack/blocks/primitives';
import type { ChatTransport } from '../slack/transport';
import { PermanentChatError } from '../slack/transport';

export interface SlackSendDeps {
  /** The paced Slack transport (a write it cannot take now throws RateLimitedError). */
  chat: ChatTransport;
  contacts: Contacts;
  escalationChannel: string;
  renderSlack: (
    incident: Incident,
    step: EscalationStep,
    mentions: string[],
    /** PagerDuty's fallback: the role ids PagerDuty could not reach. */
    unpaged: string[] | undefined,
  ) => SlackMessage;
}

/** How Slack mentions the roles: their user group, or each of their people. */
export function mentionsOf(contacts: Contacts, roleIds: string[]): string[] {
  return roleIds.flatMap((roleId) => {
    const role = contacts.roles[roleId];
    if (role === undefined) return [];
    if (role.slack.usergroup !== undefined) return [`<!subteam^${role.slack.usergroup}>`];
    return role.slack.users.map((u) => `<@${u}>`);
  });
}

/**
 * The escalation channel's message; a channel Slack refuses ends the item as failed (said in the
 * thread). Throws only what a retry can fix (Slack unavailable, rate limited).
 */
export async function postToEscalationChannel(
  deps: SlackSendDeps,
  incident: Incident,
  step: EscalationStep,
  roles: string[],
  /** Set for PagerDuty's fallback: the roles PagerDuty could not reach (the message says so). */
  unpaged: string[] | undefined,
  outcome: 'sent' | 'fallback',
): Promise<DeliveryResult> {
  const channel = deps.escalationChannel;
  try {
    await deps.chat.postMessage(
      channel,
      deps.renderSlack(incident, step, mentionsOf(deps.contacts, roles), unpaged),
      { priority: 'urgent' },
    );
    return { channel: 'slack', target: channel, outcome, detail: '' };
  } catch (error) {
    if (error instanceof PermanentChatError)
      return {
        channel: 'slack',
        target: channel,
        outcome: 'failed',
        reason: 'slack_refused',
        detail: error.slackError,
      };
    throw error;
  }
}

/** A direct message to each Slack user of the role; those Slack refuses are named in the result. */
export async function sendDirectMessages(
  deps: SlackSendDeps,
  incident: Incident,
  step: EscalationStep,
  roleId: string,
): Promise<DeliveryResult> {
  const users = deps.contacts.roles[roleId]?.slack.users ?? [];
  if (users.length === 0)
    return { channel: 'slack_dm', target: roleId, outcome: 'skipped', reason: 'no_slack_user', detail: '' };
  const failures: string[] = [];
  for (const user of users) {
    try {
      await deps.chat.postMessage(user, deps.renderSlack(incident, step, [], undefined), {
        priority: 'urgent',
      });
    } catch (error) {
      if (!(error instanceof PermanentChatError)) throw error;
      failures.push(`${user}: ${error.slackError}`);
    }
  }
  return {
    channel: 'slack_dm',
    target: users.join(','),
    outcome: failures.length === 0 ? 'sent' : 'failed',
    ...(failures.length === 0 ? {} : { reason: 'slack_refused' as const }),
    detail: failures.join('; '),
  };
}
