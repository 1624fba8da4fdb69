import { titleWithScope } from '../incidents/scope-labels';
import { alertItem } from '../incidents/alert-merge';
import { incidentStart, LATE_RECEIPT_MS, totalAlerts } from '../incidents/alert-tally';
import type { BudgetFigures } from '../incidents/error-budget';
import type { AlertRecord, DeliveryResult, Incident } from '../incidents/types';
import type { Locale, Messages, TimelineNames } from '../i18n';
import { messages } from '../i18n';
import { timelineText } from '../i18n/timeline-text';

/** What the draft needs beside the incident: names for ids, and the month's budget if it applies. */
export interface PostmortemContext {
  /** The words of the template's language (the seed template is French). */
  locale: Locale;
  triageLabels: Record<string, string>;
  /** Titles for the ids the timeline carries (steps, mitigations, roles, duties). */
  names: TimelineNames;
  escalationLabels: Record<string, string>;
  postIncident: string[];
  /** The month's figure as every surface shows it, with when it was computed. */
  budget: (BudgetFigures & { computedAt: number }) | undefined;
  rtoMs: number | undefined;
  /** The runbook's RPO, when it sets one (how long its logs may go unarchived). */
  rpoMs: number | undefined;
  /** When the draft is written (an unresolved incident's RTO may already be behind it). */
  now: number;
  /** The incident's first alerts in card order (the affected items listed). */
  alerts: AlertRecord[];
}

/** Affected items the draft names; the rest are counted. */
export const POSTMORTEM_ITEMS = 20;

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/**
 * « Efficacité des mitigations »: each checked run, who pressed it, when, the verdict and the values
 * seen — over months, which mitigations actually work.
 */
function effectiveness(incident: Incident, ctx: PostmortemContext, m: Messages): string {
  const rows = (incident.verifications ?? []).map((v) => {
    const values =
      v.worst === undefined
        ? v.problem === undefined
          ? '—'
          : m.verification.problem(v.problem)
        : `${m.number(v.worst)} → ${m.number(v.last ?? v.worst)}`;
    const cells = [
      ctx.names.mitigation(v.mitigationId),
      ctx.names.person(v.by),
      time(runOf(incident, v.mitigationId, v.run)?.finishedAt ?? v.from),
      m.verification.status[v.status],
      values,
    ];
    return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  });
  if (rows.length === 0) return m.verification.noneChecked;
  const head = m.verification.tableHead;
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows].join('\n');
}

const runOf = (incident: Incident, mitigationId: string, run: number) =>
  incident.mitigations[mitigationId]?.find((r) => r.number === run);

/** What a run said: its reason in words, or what the ops API answered. */
function runSaid(r: Incident['mitigations'][string][number], m: Messages): string {
  const said = r.reason === undefined ? r.message : m.card.actions.runReason(r.reason);
  return said === undefined || said === '' ? '' : ` — ${said}`;
}

/** One delivery of an escalation, worded as the timeline words it. */
function deliverySaid(result: DeliveryResult, names: TimelineNames, m: Messages): string {
  const reason =
    result.reason === undefined ? undefined : m.timeline.deliveryReason(result.reason, result.detail);
  const target =
    result.channel === 'pagerduty' ? names.role(result.target) : result.target === '-' ? '' : result.target;
  return m.timeline.delivery(result.channel, target, result.outcome, reason, result.attempts);
}

/** How long the logs went (or have gone so far) unarchived, against the runbook's RPO. */
function rpoLine(incident: Incident, start: number, rpoMs: number, now: number, m: Messages): string {
  const p = m.postmortem;
  if (incident.resolvedAt !== undefined)
    return p.rpo(
      m.duration(rpoMs),
      incident.resolvedAt - start <= rpoMs,
      m.duration(incident.resolvedAt - start),
    );
  return p.rpoOpen(m.duration(rpoMs), m.duration(now - start), time(start + rpoMs), now > start + rpoMs);
}

/**
 * The post-mortem draft: the project's template filled from the incident (timeline with times, who
 * ticked which triage step, mitigations and their outcome, escalations, durations, budget consumed).
 * Pure; placeholders it does not know stay visible for a person to fill.
 */
export function postmortemDraft(template: string, incident: Incident, ctx: PostmortemContext): string {
  // One start for every duration: the card's « Début », the RTO, the post-mortem.
  const start = incidentStart(incident);
  const tally = incident.alertTally;
  const alertCount = totalAlerts(tally);
  const items = [...new Set(ctx.alerts.map((a) => alertItem(a, incident.policy.itemLabel)))];
  const moreItems =
    Math.max(0, alertCount - ctx.alerts.length) + Math.max(0, items.length - POSTMORTEM_ITEMS);
  const m = messages(ctx.locale);
  const p = m.postmortem;
  const duration = m.duration;
  const resolved =
    incident.resolvedAt === undefined
      ? undefined
      : {
          at: time(incident.resolvedAt),
          by: ctx.names.person(incident.resolvedBy ?? '?'),
          duration: duration(incident.resolvedAt - start),
        };
  const sections: Record<string, string> = {
    incident: incident.id,
    // When it was drafted, and whether the incident was over: /incident postmortem drafts one any time.
    brouillon: p.drafted(time(ctx.now), incident.resolvedAt !== undefined),
    // Which service too: a storm leaves several post-mortems of one runbook to write.
    titre: titleWithScope(incident),
    resume: [
      p.runbook(incident.policy.runbookId ?? undefined, m.card.severityName[incident.severity]),
      p.started(
        time(start),
        incident.openedAt - start > LATE_RECEIPT_MS ? time(incident.openedAt) : undefined,
        resolved,
      ),
      ...(incident.acknowledgedAt === undefined
        ? []
        : [
            p.acknowledged(
              ctx.names.person(incident.acknowledgedBy ?? '?'),
              duration(incident.acknowledgedAt - incident.openedAt),
            ),
          ]),
      ...(incident.resolution === undefined ? [] : [`- ${incident.resolution.summary}`]),
    ].join('\n'),
    impact: [
      p.affected(alertCount, items.slice(0, POSTMORTEM_ITEMS).join(', '), moreItems),
      p.customerImpact(incident.resolution?.customerImpact),
      ctx.budget === undefined
        ? p.noBudget
        : p.budget(
            duration(ctx.budget.consumedMs),
            duration(ctx.budget.budgetMs),
            Math.round(ctx.budget.consumedRatio * 100),
            time(ctx.budget.computedAt),
          ),
      ...(ctx.rtoMs === undefined
        ? []
        : [
            incident.resolvedAt === undefined
              ? p.rtoOpen(duration(ctx.rtoMs), time(start + ctx.rtoMs), ctx.now > start + ctx.rtoMs)
              : p.rto(
                  duration(ctx.rtoMs),
                  incident.resolvedAt - start <= ctx.rtoMs,
                  duration(incident.resolvedAt - start),
                ),
          ]),
      ...(ctx.rpoMs === undefined ? [] : [rpoLine(incident, start, ctx.rpoMs, ctx.now, m)]),
    ].join('\n'),
    chronologie: incident.timeline
      .map(
        (e) =>
          `- ${time(e.at)} — ${timelineText(e, m, ctx.names, undefined, 'whole')} (${ctx.names.person(e.actor)})`,
      )
      .join('\n'),
    detection:
      alertCount === 0
        ? p.declared(incident.summary ?? '')
        : p.detected(
            alertCount,
            time(tally.firstStartsAt ?? incident.openedAt),
            tally.names.join(', ') || '?',
          ),
    triage: Object.entries(ctx.triageLabels)
      .map(([id, label]) => {
        const check = incident.triage[id];
        return `- [${check === undefined ? ' ' : 'x'}] ${label}${check === undefined ? '' : ` — ${ctx.names.person(check.by)}, ${time(check.at)}`}`;
      })
      .join('\n'),
    mitigation:
      Object.entries(incident.mitigations)
        .flatMap(([id, runs]) =>
          runs.map(
            (r) =>
              `- ${ctx.names.mitigation(id)} — ${m.card.actions.run[r.status]}${r.httpStatus === undefined ? '' : `, HTTP ${r.httpStatus}`}${r.durationMs === undefined ? '' : `, ${r.durationMs} ms`} — ${ctx.names.person(r.by)}, ${time(r.startedAt)}${runSaid(r, m)}`,
          ),
        )
        .join('\n') || p.noMitigation,
    escalades:
      incident.escalations
        .map(
          (e) =>
            `- ${ctx.escalationLabels[e.stepId] ?? ctx.names.escalation(e.stepId)} — ${time(e.firedAt)} (${ctx.names.person(e.by)})${e.deliveries === undefined ? '' : `${m.colon}${e.deliveries.map((d) => deliverySaid(d, ctx.names, m)).join(', ')}`}`,
        )
        .join('\n') || p.noEscalation,
    efficacite: effectiveness(incident, ctx, m),
    cause: incident.resolution?.cause === undefined ? p.toFill : p.cause(incident.resolution.cause),
    suivi: ctx.postIncident.map((item) => `- [ ] ${item}`).join('\n'),
  };
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => sections[name] ?? whole);
}
