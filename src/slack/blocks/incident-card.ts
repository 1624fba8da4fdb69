import type { KnownBlock } from '@slack/types';
import { titleWithScope } from '../../incidents/scope-labels';
import type { Incident } from '../../incidents/types';
import { alertBlocks, headerBlocks, linkBlocks } from './card-summary';
import { escalationBlocks } from './card-escalation';
import { followupBlocks } from './card-followups';
import { sloBlocks } from './card-slo';
import { runbookBlocks } from './card-runbook';
import { footerBlocks } from './card-timeline';
import { cardStrings, messages } from '../../i18n';
import { timelineNames } from '../../runbooks/timeline-names';
import { escapeMrkdwn, LIMITS, slackDate, truncate } from './limits';
import type { CardContext, SlackMessage } from './primitives';
import { person, section } from './primitives';

export type { CardContext, SlackMessage } from './primitives';

/** Alerts a card lists (in card order); the others are counted. More would not fit in a section anyway. */
export const ALERTS_ON_CARD = 40;

function fallbackText(incident: Incident, ctx: CardContext): string {
  const s = cardStrings(ctx.locale);
  return truncate(
    // The notification a phone shows: which service too (in a storm a runbook's cards share the
    // title). The title may come from an alert (unmapped card): escaped, so no mention or link goes live.
    s.fallback(
      incident.id,
      s.severityName[incident.severity],
      escapeMrkdwn(titleWithScope(incident)),
      s.status[incident.status],
    ),
    LIMITS.fallbackText,
  );
}

/** The names a card's timeline shows for runbook ids, roles and duties. */
export const cardNames = (incident: Incident, ctx: CardContext) => ({
  ...timelineNames(incident, ctx.runbook, (id) => ctx.roleNames[id] ?? id, ctx.followups, person),
  time: (ms: number) => slackDate(ms, '{date_short_pretty} {time}', new Date(ms).toISOString()),
});

/** The incident card: a pure function of the incident's state, within Slack's limits whatever its size. */
export function renderIncidentCard(incident: Incident, ctx: CardContext): SlackMessage {
  const s = cardStrings(ctx.locale);
  const blocks: KnownBlock[] = [
    ...headerBlocks(incident, messages(ctx.locale), ctx.now),
    ...alertBlocks(incident, ctx, s),
    ...linkBlocks(incident, ctx, s),
    ...sloBlocks(incident, ctx),
    ...escalationBlocks(incident, ctx),
    ...runbookBlocks(incident, ctx.runbook, ctx, s),
    ...followupBlocks(incident, ctx),
    ...footerBlocks(incident, messages(ctx.locale), cardNames(incident, ctx), ctx.now),
  ];
  return { text: fallbackText(incident, ctx), blocks: fitMessage(blocks) };
}

/** Last line of defence: drop blocks before the footer until the message fits Slack's count and size limits. */
export function fitMessage(blocks: KnownBlock[]): KnownBlock[] {
  const kept = blocks.slice(0, LIMITS.blocksPerMessage);
  while (kept.length > 1 && JSON.stringify(kept).length > LIMITS.messageBlocksJson)
    kept.splice(kept.length - 2, 1);
  return kept;
}

/** A bare card for when Slack refuses the full one: status, title and id still show. */
export function renderMinimalCard(incident: Incident, ctx: CardContext): SlackMessage {
  const text = fallbackText(incident, ctx);
  return { text, blocks: [section(text)] };
}
