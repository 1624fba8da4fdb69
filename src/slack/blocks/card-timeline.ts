import type { KnownBlock } from '@slack/types';
import type { Incident, TimelineEntry } from '../../incidents/types';
import type { CardStrings } from './i18n';
import { escapeMrkdwn, fitLines, LIMITS, slackDate } from './limits';
import type { SlackMessage } from './primitives';
import { clockTime, context, person, section } from './primitives';

/** Timeline entries shown on the card; the full timeline lives in the store. */
const TIMELINE_ON_CARD = 5;

export function timelineLine(entry: TimelineEntry, s: CardStrings): string {
  const details = entry.details.length === 0 ? '' : ` : ${entry.details.map(escapeMrkdwn).join(', ')}`;
  return `${clockTime(entry.at)} ${s.timelineKind[entry.kind]}${details} (${person(entry.actor)})`;
}

/** Resolution, the last timeline entries, and the id with the time of this rendering. */
export function footerBlocks(incident: Incident, s: CardStrings, now: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (incident.status === 'resolved') {
    blocks.push(
      section(
        incident.resolvedBy === 'alertmanager'
          ? s.resolvedAuto
          : s.resolvedBy(person(incident.resolvedBy ?? '?')),
      ),
    );
    const r = incident.resolution;
    if (r !== undefined) {
      const lines = [
        `*${s.actions.resolution.cause}* : ${escapeMrkdwn(r.cause)}`,
        `*${s.actions.resolution.summary}* : ${escapeMrkdwn(r.summary)}`,
        `*${s.actions.resolution.impact}* : ${escapeMrkdwn(r.customerImpact)}`,
      ];
      blocks.push(section(lines.join('\n')));
    }
  }
  const recent = incident.timeline.slice(-TIMELINE_ON_CARD).map((e) => timelineLine(e, s));
  blocks.push(context([`*${s.timeline}*\n${recent.join('\n')}`]));
  const updated = slackDate(now, '{date_short_pretty} {time_secs}', new Date(now).toISOString());
  blocks.push(context([`\`${incident.id}\` · ${s.updated} ${updated}`]));
  return blocks;
}

/** One thread reply for the significant entries not yet posted; never more than one message per sync. */
export function renderThreadReply(
  incident: Incident,
  entries: TimelineEntry[],
  s: CardStrings,
): SlackMessage {
  const lines = entries.map((e) => timelineLine(e, s));
  const text = fitLines(lines, LIMITS.sectionText, s.more);
  return {
    text: `${incident.id} — ${lines[0] ?? ''}`.slice(0, LIMITS.fallbackText),
    blocks: [section(text)],
  };
}
