import type { Button, KnownBlock } from '@slack/types';
import { hasFired, nextDeadline } from '../../incidents/escalation-plan';
import type { Incident } from '../../incidents/types';
import { encodeActionValue } from '../action-value';
import { ACTION, actionIdFor } from '../ids';
import { messages } from '../../i18n';
import { escapeMrkdwn, LIMITS, slackDate, truncate } from './limits';
import type { CardContext } from './primitives';
import { context } from './primitives';

/** Role ids → the names people know ("Tech Lead + On-call Backend"). */
const names = (ids: string[], ctx: Pick<CardContext, 'roleNames'>) =>
  ids.map((id) => ctx.roleNames[id] ?? id).join(' + ');

/**
 * The next deadline and whom it will reach (Slack date tokens, so it never goes stale), and the flags
 * raised: on the card and in `/incident statut`.
 */
export function escalationLines(
  incident: Incident,
  ctx: Pick<CardContext, 'locale' | 'roleNames' | 'now'>,
): string[] {
  const m = messages(ctx.locale);
  const lines: string[] = [];
  const next = incident.status === 'resolved' ? undefined : nextDeadline(incident);
  if (next !== undefined) {
    // With its date (a deadline tomorrow at 03:09 never reads as now) and how far it is, both Slack
    // date tokens: they stay true however long the card sits, in the reader's own time zone.
    const left = m.escalation.inTime(m.duration(next.dueAt - ctx.now));
    const when = `${slackDate(next.dueAt, '{date_short_pretty} {time}', new Date(next.dueAt).toISOString())} (${slackDate(next.dueAt, '{ago}', left)})`;
    lines.push(m.escalation.next(names(next.step.notify, ctx), when, escapeMrkdwn(next.step.description)));
  }
  const raised = (Object.keys(incident.flags) as Array<keyof Incident['flags']>)
    .filter((f) => incident.flags[f])
    .map((f) => m.escalation.flags[f]);
  if (raised.length > 0) lines.push(raised.join(' · '));
  return lines;
}

/** What escalation means for this incident now (escalationLines), and buttons for steps a person triggers. */
export function escalationBlocks(incident: Incident, ctx: CardContext): KnownBlock[] {
  const m = messages(ctx.locale);
  const lines = escalationLines(incident, ctx);
  const blocks: KnownBlock[] =
    lines.length === 0 ? [] : [context(lines.map((l) => truncate(l, LIMITS.sectionText)))];
  if (incident.status !== 'resolved') {
    const buttons: Button[] = incident.policy.escalation
      .filter((s) => s.trigger.kind === 'button' && !hasFired(incident, s.id))
      .map((s) => ({
        type: 'button',
        action_id: actionIdFor(ACTION.escalate, s.id),
        text: {
          type: 'plain_text',
          text: truncate(s.trigger.kind === 'button' ? s.trigger.label : s.id, LIMITS.buttonText),
          emoji: true,
        },
        value: encodeActionValue({ v: 1, i: incident.id, g: incident.generation, s: s.id }),
        style: 'danger',
        confirm: {
          title: { type: 'plain_text', text: m.escalation.confirmTitle },
          text: { type: 'mrkdwn', text: truncate(`${s.description} → ${names(s.notify, ctx)}`, 300) },
          confirm: { type: 'plain_text', text: m.escalation.confirm },
          deny: { type: 'plain_text', text: m.escalation.deny },
        },
      }));
    if (buttons.length > 0)
      blocks.push({ type: 'actions', block_id: 'incident.escalations', elements: buttons.slice(0, 5) });
  }
  return blocks;
}
