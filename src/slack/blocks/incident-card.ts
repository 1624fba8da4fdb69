import type { KnownBlock } from '@slack/types';
import { alertItem } from '../../incidents/alert-merge';
import type { AlertRecord, Incident, TimelineEntry } from '../../incidents/types';
import { formatDuration } from '../../runbooks/duration';
import type { Runbook } from '../../runbooks/schema';
import type { TemplateScope } from '../../runbooks/template';
import { renderLink } from '../../runbooks/template';
import type { CardStrings, Locale } from './i18n';
import { cardStrings } from './i18n';
import { escapeMrkdwn, fitLines, LIMITS, mrkdwnLink, slackDate, truncate } from './limits';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface CardContext {
  /** The runbook the incident follows; undefined for an unmapped alert. */
  runbook: Runbook | undefined;
  urls: Record<string, string>;
  locale: Locale;
  now: number;
}

/** Timeline entries shown on the card; the full timeline lives in the store. */
const TIMELINE_ON_CARD = 5;

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
});
const context = (texts: string[]): KnownBlock => ({
  type: 'context',
  elements: texts
    .slice(0, LIMITS.contextElements)
    .map((text) => ({ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) })),
});

function person(actor: string): string {
  return /^[UW][A-Z0-9]+$/.test(actor) ? `<@${actor}>` : escapeMrkdwn(actor);
}

function templateScope(
  incident: Incident,
  alert: AlertRecord | undefined,
  urls: Record<string, string>,
): TemplateScope {
  return {
    labels: { ...incident.groupLabels, ...alert?.labels },
    annotations: alert?.annotations ?? {},
    incident: { id: incident.id, runbook: incident.policy.runbookId ?? 'unmapped' },
    urls,
  };
}

function sortedAlerts(incident: Incident): AlertRecord[] {
  const rank = (a: AlertRecord) => (a.status === 'firing' ? 0 : 1);
  return Object.values(incident.alerts).sort(
    (a, b) =>
      rank(a) - rank(b) ||
      alertItem(a, incident.policy.itemLabel).localeCompare(alertItem(b, incident.policy.itemLabel)),
  );
}

function statusField(incident: Incident, s: CardStrings): string {
  if (incident.status === 'acknowledged' && incident.acknowledgedBy !== undefined) {
    return `${s.status.acknowledged} (${s.acknowledgedBy(person(incident.acknowledgedBy))})`;
  }
  return s.status[incident.status];
}

function durationField(incident: Incident, s: CardStrings, now: number): string {
  if (incident.resolvedAt !== undefined)
    return s.lasted(formatDuration(incident.resolvedAt - incident.openedAt));
  return s.since(slackDate(incident.openedAt, '{ago}', formatDuration(now - incident.openedAt)));
}

function headerBlocks(incident: Incident, s: CardStrings, now: number): KnownBlock[] {
  const statusIcon = s.status[incident.status].split(' ')[0] ?? '';
  const title = `${statusIcon} ${incident.severity} · ${incident.policy.title}`;
  const started = slackDate(
    incident.openedAt,
    '{date_short_pretty} {time_secs}',
    new Date(incident.openedAt).toISOString(),
  );
  const field = (name: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${name}*\n${value}` });
  return [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(title, LIMITS.headerText),
        emoji: true,
      },
    },
    {
      type: 'section',
      fields: [
        field(s.fields.status, statusField(incident, s)),
        field(s.fields.severity, s.severity[incident.severity]),
        field(s.fields.started, started),
        field(s.fields.duration, durationField(incident, s, now)),
        field(
          s.fields.runbook,
          incident.policy.runbookId === null ? '—' : `\`${incident.policy.runbookId}\``,
        ),
        field(s.fields.incident, `\`${incident.id}\``),
      ],
    },
  ];
}

/** One affected item: its name, its summary and, when it says more, its description (the measured value). */
function alertLine(alert: AlertRecord, itemLabel: string | undefined): string {
  const icon = alert.status === 'firing' ? '🔥' : '✅';
  const { summary, description } = alert.annotations;
  const parts = [summary, description !== summary ? description : undefined].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  const detail = parts.length === 0 ? '' : ` — ${parts.map(escapeMrkdwn).join(' · ')}`;
  return `${icon} \`${escapeMrkdwn(alertItem(alert, itemLabel))}\`${detail}`;
}

function alertBlocks(incident: Incident, s: CardStrings): KnownBlock[] {
  const alerts = sortedAlerts(incident);
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const heading = s.affected(firing, alerts.length - firing, incident.policy.itemLabel);
  const lines = alerts.map((a) => alertLine(a, incident.policy.itemLabel));
  const blocks: KnownBlock[] = [
    section(`${heading}\n${fitLines(lines, LIMITS.sectionText - heading.length - 1, s.more)}`),
  ];
  const labels = Object.entries(incident.groupLabels)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `\`${escapeMrkdwn(name)}=${escapeMrkdwn(value)}\``);
  if (labels.length > 0) blocks.push(context([labels.join('  ')]));
  if (incident.truncatedAlerts > 0) blocks.push(context([s.truncated(incident.truncatedAlerts)]));
  return blocks;
}

function linkBlocks(incident: Incident, ctx: CardContext, s: CardStrings): KnownBlock[] {
  const first = sortedAlerts(incident)[0];
  const scope = templateScope(incident, first, ctx.urls);
  const links = (ctx.runbook?.links ?? []).map((l) => mrkdwnLink(renderLink(l.url, scope), l.label));
  if (first?.generatorURL !== undefined) links.push(mrkdwnLink(first.generatorURL, s.prometheusGraph));
  if (incident.externalURL !== undefined) links.push(mrkdwnLink(incident.externalURL, s.alertmanager));
  return links.length === 0 ? [] : [section(`*${s.links}* : ${links.join(' · ')}`)];
}

function runbookBlocks(incident: Incident, ctx: CardContext, s: CardStrings): KnownBlock[] {
  const runbook = ctx.runbook;
  if (runbook === undefined) return [context([s.unmapped(incident.policy.channels.join(', '))])];
  const scope = templateScope(incident, sortedAlerts(incident)[0], ctx.urls);
  const triage = runbook.triage.map((step, i) => {
    const link = step.link === undefined ? '' : ` (${mrkdwnLink(renderLink(step.link, scope), s.open)})`;
    return `${i + 1}. ${step.label}${link}`;
  });
  const mitigations = runbook.mitigations.map((m) => `• *${escapeMrkdwn(m.label)}* — ${m.description}`);
  return [
    { type: 'divider' },
    section(`*${s.triage}*\n${fitLines(triage, LIMITS.sectionText - 20, s.more)}`),
    section(`*${s.mitigations}*\n${fitLines(mitigations, LIMITS.sectionText - 20, s.more)}`),
  ];
}

function timelineLine(entry: TimelineEntry, s: CardStrings): string {
  const when = slackDate(entry.at, '{time_secs}', new Date(entry.at).toISOString());
  const details = entry.details.length === 0 ? '' : ` : ${entry.details.map(escapeMrkdwn).join(', ')}`;
  return `${when} ${s.timelineKind[entry.kind]}${details} (${person(entry.actor)})`;
}

function footerBlocks(incident: Incident, s: CardStrings, now: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (incident.status === 'resolved') {
    blocks.push(
      section(
        incident.resolvedBy === 'alertmanager'
          ? s.resolvedAuto
          : s.resolvedBy(person(incident.resolvedBy ?? '?')),
      ),
    );
  }
  const recent = incident.timeline.slice(-TIMELINE_ON_CARD).map((e) => timelineLine(e, s));
  blocks.push(context([truncate(`*${s.timeline}*\n${recent.join('\n')}`, LIMITS.sectionText)]));
  blocks.push(
    context([
      `\`${incident.id}\` · ${s.updated} ${slackDate(now, '{date_short_pretty} {time_secs}', new Date(now).toISOString())}`,
    ]),
  );
  return blocks;
}

/** The incident card: a pure function of the incident's state, within Slack's limits whatever its size. */
export function renderIncidentCard(incident: Incident, ctx: CardContext): SlackMessage {
  const s = cardStrings(ctx.locale);
  const blocks: KnownBlock[] = [
    ...headerBlocks(incident, s, ctx.now),
    ...alertBlocks(incident, s),
    ...linkBlocks(incident, ctx, s),
    ...runbookBlocks(incident, ctx, s),
    ...footerBlocks(incident, s, ctx.now),
  ];
  const text = truncate(
    s.fallback(incident.id, incident.severity, incident.policy.title, s.status[incident.status]),
    LIMITS.fallbackText,
  );
  return { text, blocks: fitMessage(blocks) };
}

/** Last line of defence: drop trailing blocks until the message fits Slack's count and size limits. */
export function fitMessage(blocks: KnownBlock[]): KnownBlock[] {
  const kept = blocks.slice(0, LIMITS.blocksPerMessage);
  while (kept.length > 1 && JSON.stringify(kept).length > LIMITS.messageBlocksJson)
    kept.splice(kept.length - 2, 1);
  return kept;
}

/** A bare card for when Slack refuses the full one: status, title and id still show. */
export function renderMinimalCard(incident: Incident, ctx: CardContext): SlackMessage {
  const s = cardStrings(ctx.locale);
  const text = truncate(
    s.fallback(incident.id, incident.severity, incident.policy.title, s.status[incident.status]),
    LIMITS.fallbackText,
  );
  return { text, blocks: [section(escapeMrkdwn(text))] };
}
