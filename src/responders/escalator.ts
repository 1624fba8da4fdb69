import type { Incident } from '../incidents/types';
import type { Contacts, Runbook } from '../runbooks/schema';
import type { SlackMessage } from '../slack/blocks/primitives';
import type { ChatTransport } from '../slack/transport';
import type { ActionResult } from './refusal';
import { done, refuse } from './refusal';

export interface EscalatorDeps {
  transport: ChatTransport;
  contacts: Contacts;
  channel: string;
  render: (
    incident: Incident,
    runbook: Runbook | undefined,
    mentions: string[],
    user: string,
  ) => SlackMessage;
}

/**
 * `/incident escalate` before the escalation engine exists: a message in the escalation channel that
 * mentions the roles of the runbook's first escalation step (their Slack user groups or users).
 */
export class Escalator {
  constructor(private readonly deps: EscalatorDeps) {}

  mentionsFor(runbook: Runbook | undefined): string[] {
    const roles = runbook?.escalation[0]?.notify ?? [];
    return roles.flatMap((roleId) => {
      const role = this.deps.contacts.roles[roleId];
      if (role === undefined) return [];
      if (role.slack.usergroup !== undefined) return [`<!subteam^${role.slack.usergroup}>`];
      return role.slack.users.map((u) => `<@${u}>`);
    });
  }

  async escalateNow(
    incident: Incident,
    runbook: Runbook | undefined,
    user: string,
  ): Promise<ActionResult<string>> {
    if (runbook !== undefined && runbook.escalation.length === 0)
      return refuse({ code: 'no_escalation', incidentId: incident.id });
    try {
      await this.deps.transport.postMessage(
        this.deps.channel,
        this.deps.render(incident, runbook, this.mentionsFor(runbook), user),
      );
    } catch (error) {
      return refuse({ code: 'rejected', detail: `Slack: ${(error as Error).message}` });
    }
    return done(this.deps.channel);
  }
}
