import type { KnownBlock } from '@slack/types';
import type { Incident, TimelineEntry } from '../../incidents/types';
import type { Messages, TimelineNames } from '../../i18n';
import type { PersonWords } from '../../i18n/timeline-text';
import { timelineText } from '../../i18n/timeline-text';
import { escapeMrkdwn, LIMITS, packSections, slackDate, truncate } from './limits';
import type { SlackMessage } from './primitives';
import { clockTime, context, person, section } from './primitives';

/** Timeline entries shown on the card; the full timeline lives in the store. */
const TIMELINE_ON_CARD = 5;

/** Characters of each resolution field on the card (the modal takes 2,000; three share one section). */
const RESOLUTION_FIELD_ON_CARD = 900;

/** Text of the thread reply's sections together: its blocks stay well under LIMITS.messageBlocksJson. */
const THREAD_REPLY_TEXT = 9_000;

/** « 14:32:05 Mitigation réussie : Rollback, HTTP 200 (@alice) »: titles for ids, outside text escaped. */
export function timelineLine(
  entry: TimelineEntry,
  m: Messages,
  names: TimelineNames,
  words: PersonWords = 'cut',
): string {
  return `${clockTime(entry.at)} ${timelineText(entry, m, names, escapeMrkdwn, words)} (${person(entry.actor)})`;
}

/** Resolution, the last timeline entries, and the id with the time of this rendering. */
export function footerBlocks(
  incident: Incident,
  m: Messages,
  names: TimelineNames,
  now: number,
): KnownBlock[] {
  const s = m.card;
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
      // Each cut to a third of the section: all three always show (whole in the post-mortem).
      const shown = (text: string) => escapeMrkdwn(truncate(text, RESOLUTION_FIELD_ON_CARD));
      const lines = [
        `*${s.actions.resolution.cause}* : ${shown(r.cause)}`,
        `*${s.actions.resolution.summary}* : ${shown(r.summary)}`,
        `*${s.actions.resolution.impact}* : ${shown(r.customerImpact)}`,
      ];
      blocks.push(section(lines.join('\n')));
    }
  }
  const recent = incident.timeline.slice(-TIMELINE_ON_CARD).map((e) => timelineLine(e, m, names));
  blocks.push(context([`*${s.timeline}*\n${recent.join('\n')}`]));
  const updated = slackDate(now, '{date_short_pretty} {time_secs}', new Date(now).toISOString());
  blocks.push(context([`\`${incident.id}\` · ${s.updated} ${updated}`]));
  return blocks;
}

/**
 * One thread reply for the significant entries not yet posted: as many of them, in order, as one
 * message holds (`shown`; the rest go in the next reply). The thread is where a note is read in full:
 * each line whole, in as many sections as it takes.
 */
export function renderThreadReply(
  incident: Incident,
  pending: TimelineEntry[],
  m: Messages,
  names: TimelineNames,
  /** Blocks to act on what the reply says (a still-degraded verdict offers the next mitigation). */
  then: (shown: TimelineEntry[]) => KnownBlock[] = () => [],
): SlackMessage & { shown: number } {
  const all = pending.map((e) => timelineLine(e, m, names, 'whole'));
  const { sections, shown } = packSections(all, {
    sectionMax: LIMITS.sectionText,
    totalMax: THREAD_REPLY_TEXT,
  });
  const lines = all.slice(0, shown);
  return {
    shown,
    // The notification: the first entry, and how many more the reply holds.
    text: `${incident.id} — ${lines[0] ?? ''}${lines.length > 1 ? ` (+${lines.length - 1})` : ''}`.slice(
      0,
      LIMITS.fallbackText,
    ),
    blocks: [...sections.map((text) => section(text)), ...then(pending.slice(0, shown))],
  };
}
