import type { KnownBlock } from '@slack/types';
import { byAttention } from '../../incidents/attention-order';
import type { Incident } from '../../incidents/types';
import { ACTION } from '../ids';
import type { CardStrings } from '../../i18n';
import { escapeMrkdwn, fitLines, LIMITS, slackDate, truncate } from './limits';
import type { SlackMessage } from './primitives';
import { context, section } from './primitives';
import type { LabelPair } from './telling-apart';
import { labelsMrkdwn, labelsPlain, labelsTellingApart } from './telling-apart';

/** Incidents a digest lists by name (the rest are counted): the message stays one screen. */
export const DIGEST_LISTED = 40;

/** Slack's limit on a static select's options. */
const MAX_OPTIONS = 100;
const OPTION_TEXT = 75;

export interface DigestView {
  /** The runbook's title; undefined for the digest of alerts no runbook matches (each has its own title). */
  title: string | undefined;
  /** The digest's incidents, latest first (at most DIGEST_LISTED). */
  incidents: Incident[];
  total: number;
  perMinute: number;
  /** When the storm's first incident joined. */
  since: number;
}

/**
 * One incident: its state and what tells it from the others (its labels); its title only in the
 * digest of alerts with no runbook, where titles differ (a runbook's is the digest's header).
 */
function line(incident: Incident, apart: LabelPair[] | undefined, withTitle: boolean, strings: CardStrings) {
  const opened = slackDate(incident.openedAt, '{time}', new Date(incident.openedAt).toISOString());
  const what = [
    ...(withTitle ? [escapeMrkdwn(truncate(incident.policy.title, 80))] : []),
    ...(apart === undefined || apart.length === 0 ? [] : [labelsMrkdwn(apart)]),
  ];
  return [
    strings.status[incident.status],
    `*${incident.id}*`,
    strings.severity[incident.severity],
    ...what,
    opened,
  ].join(' · ');
}

/** A menu option: the incident and what tells it apart (else its title). */
function option(incident: Incident, apart: LabelPair[] | undefined): string {
  const what = apart === undefined || apart.length === 0 ? incident.policy.title : labelsPlain(apart);
  return truncate(`${incident.id} · ${what}`, OPTION_TEXT);
}

/**
 * The storm digest: what the storm is, every listed incident's state in one line, and a menu that
 * posts one incident's own card. In the order of every incident list (byAttention): the most severe,
 * then the ones nobody took, on top; the resolved last.
 */
export function renderStormDigest(view: DigestView, strings: CardStrings): SlackMessage {
  const d = strings.digest;
  const title = view.title ?? d.unmapped;
  const listed = [...view.incidents].sort(byAttention);
  const since = slackDate(view.since, '{date_short_pretty} {time}', new Date(view.since).toISOString());
  const hidden = Math.max(0, view.total - listed.length);
  const apart = labelsTellingApart(listed);
  // Over only when the digest names every incident of it and none is still open.
  const over = hidden === 0 && listed.length > 0 && listed.every((i) => i.status === 'resolved');
  const lines = fitLines(
    listed.map((i) => line(i, apart.get(i.id), view.title === undefined, strings)),
    LIMITS.sectionText,
    (n) => d.more(n),
    hidden,
  );
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(d.title(title), LIMITS.headerText) } },
    context([over ? d.over(view.total, since) : d.explain(view.total, view.perMinute, since)]),
    ...(lines === '' ? [] : [section(lines)]),
  ];
  const choices = listed.filter((i) => i.status !== 'resolved').slice(0, MAX_OPTIONS);
  if (choices.length > 0)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'static_select',
          action_id: ACTION.digestOpen,
          placeholder: { type: 'plain_text', text: d.placeholder },
          options: choices.map((i) => ({
            text: { type: 'plain_text', text: option(i, apart.get(i.id)) },
            value: i.id,
          })),
        },
      ],
    });
  return { text: truncate(d.fallback(title, view.total), LIMITS.fallbackText), blocks };
}
