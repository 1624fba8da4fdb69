import type { KnownBlock } from '@slack/types';
import { alertItem } from '../../incidents/alert-merge';
import { incidentStart, LATE_RECEIPT_MS, totalAlerts } from '../../incidents/alert-tally';
import type { AlertRecord, Incident } from '../../incidents/types';
import { incidentScope } from '../../runbooks/incident-scope';
import { renderLink } from '../../runbooks/template';
import type { CardStrings, Messages } from '../../i18n';
import { escapeMrkdwn, fitLines, LIMITS, isWebUrl, mrkdwnLink, slackDate, truncate } from './limits';
import type { CardContext } from './primitives';
import { context, person, section } from './primitives';
import { labelCode } from './telling-apart';

function statusField(incident: Incident, s: CardStrings): string {
  if (incident.status === 'acknowledged' && incident.acknowledgedBy !== undefined) {
    return `${s.status.acknowledged} (${s.statusBy(person(incident.acknowledgedBy))})`;
  }
  return s.status[incident.status];
}

function durationField(incident: Incident, m: Messages, now: number): string {
  const s = m.card;
  const start = incidentStart(incident);
  if (incident.resolvedAt !== undefined) return s.lasted(m.duration(incident.resolvedAt - start));
  return s.since(slackDate(start, '{ago}', m.duration(now - start)));
}

const dateTime = (ms: number) => slackDate(ms, '{date_short_pretty} {time}', new Date(ms).toISOString());

/**
 * « Début »: the first alert's start; when Vigie learnt of it much later, when it did; when that start
 * is older than the SLO's lookback, from when the budget counts it.
 */
function startedField(incident: Incident, m: Messages): string {
  const start = incidentStart(incident);
  const started = slackDate(start, '{date_short_pretty} {time_secs}', new Date(start).toISOString());
  if (incident.openedAt - start <= LATE_RECEIPT_MS) return started;
  const lines = [started, m.card.receivedAt(dateTime(incident.openedAt))];
  const lookback = incident.policy.startLookbackMs;
  if (
    incident.policy.consumesBudget === true &&
    lookback !== undefined &&
    incident.openedAt - start > lookback
  )
    lines.push(m.card.budgetFrom(dateTime(incident.openedAt - lookback), m.duration(lookback)));
  return lines.join('\n');
}

/** Header and the status fields: severity, status, start (a Slack date token), duration, runbook, id. */
export function headerBlocks(incident: Incident, m: Messages, now: number): KnownBlock[] {
  const s = m.card;
  const statusIcon = s.status[incident.status].split(' ')[0] ?? '';
  // Escaped in plain text too: Slack decodes &lt; &gt; &amp; everywhere, and an alert's title is outside text.
  const title = `${statusIcon} ${s.severityName[incident.severity]} · ${escapeMrkdwn(incident.policy.title)}`;
  const field = (name: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${name}*\n${value}` });
  return [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, LIMITS.headerText), emoji: true } },
    {
      type: 'section',
      fields: [
        field(s.fields.status, statusField(incident, s)),
        field(s.fields.severity, s.severity[incident.severity]),
        field(s.fields.started, startedField(incident, m)),
        field(s.fields.duration, durationField(incident, m, now)),
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
function alertLine(alert: AlertRecord, itemLabel: string | undefined, resolved: boolean): string {
  // A resolved incident's card is a record: no « en cours » flame, even for an alert still firing.
  const icon = resolved ? '•' : alert.status === 'firing' ? '🔥' : '✅';
  const { summary, description } = alert.annotations;
  const parts = [summary, description !== summary ? description : undefined].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  const detail = parts.length === 0 ? '' : ` — ${parts.map(escapeMrkdwn).join(' · ')}`;
  return `${icon} \`${escapeMrkdwn(alertItem(alert, itemLabel))}\`${detail}`;
}

/** The affected items (routes, connectors…) with their values, grouping labels, truncation notice. */
export function alertBlocks(incident: Incident, ctx: CardContext, s: CardStrings): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (incident.summary !== undefined)
    blocks.push(section(`*${s.actions.summary}* : ${escapeMrkdwn(incident.summary)}`));
  const { firing, resolved } = incident.alertTally;
  if (ctx.alerts.length > 0) {
    const closed = incident.status === 'resolved';
    const heading = closed
      ? s.affectedTotal(firing + resolved, incident.policy.itemLabel)
      : s.affected(firing, resolved, incident.policy.itemLabel);
    const lines = ctx.alerts.map((a) => alertLine(a, incident.policy.itemLabel, closed));
    const unread = Math.max(0, totalAlerts(incident.alertTally) - ctx.alerts.length);
    const max = LIMITS.sectionText - heading.length - 1;
    blocks.push(section(`${heading}\n${fitLines(lines, max, s.more, unread)}`));
  }
  const labels = Object.entries(incident.groupLabels)
    .filter(([, value]) => value !== '')
    .map((pair) => labelCode(pair));
  if (labels.length > 0) blocks.push(context([labels.join('  ')]));
  if (incident.truncatedAlerts > 0) blocks.push(context([s.truncated(incident.truncatedAlerts)]));
  return blocks;
}

/** Runbook links (Grafana…), the alert's Prometheus graph and Alertmanager. */
export function linkBlocks(incident: Incident, ctx: CardContext, s: CardStrings): KnownBlock[] {
  const first = ctx.alerts[0];
  const scope = incidentScope(incident, first, ctx.urls);
  const links = (ctx.runbook?.links ?? []).map((l) => mrkdwnLink(renderLink(l.url, scope), l.label));
  // URLs sent by Alertmanager become links only when they are web URLs (never `javascript:`).
  if (first?.generatorURL !== undefined && isWebUrl(first.generatorURL))
    links.push(mrkdwnLink(first.generatorURL, s.prometheusGraph));
  if (incident.externalURL !== undefined && isWebUrl(incident.externalURL))
    links.push(mrkdwnLink(incident.externalURL, s.alertmanager));
  return links.length === 0 ? [] : [section(`*${s.links}* : ${links.join(' · ')}`)];
}
