import { alertItem } from '../incidents/alert-merge';
import { incidentStart, LATE_RECEIPT_MS, totalAlerts } from '../incidents/alert-tally';
import type { BudgetFigures } from '../incidents/error-budget';
import type { AlertRecord, DeliveryResult, Incident } from '../incidents/types';
import type { TimelineNames } from '../i18n';
import { messages } from '../i18n';
import { timelineText } from '../i18n/timeline-text';

/** What the draft needs beside the incident: names for ids, and the month's budget if it applies. */
export interface PostmortemContext {
  triageLabels: Record<string, string>;
  /** Titles for the ids the timeline carries (steps, mitigations, roles, duties). */
  names: TimelineNames;
  escalationLabels: Record<string, string>;
  postIncident: string[];
  /** The month's figure as every surface shows it, with when it was computed. */
  budget: (BudgetFigures & { computedAt: number }) | undefined;
  rtoMs: number | undefined;
  /** The incident's first alerts in card order (the affected items listed). */
  alerts: AlertRecord[];
}

/** Affected items the draft names; the rest are counted. */
export const POSTMORTEM_ITEMS = 20;

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** The template is French: the draft speaks French, with the card's words and durations. */
const m = messages('fr');
const duration = m.duration;

/** What a run said: its reason in words, or what the ops API answered. */
function runSaid(r: Incident['mitigations'][string][number]): string {
  const said = r.reason === undefined ? r.message : m.card.actions.runReason(r.reason);
  return said === undefined || said === '' ? '' : ` — ${said}`;
}

/** One delivery of an escalation, worded as the timeline words it. */
function deliverySaid(result: DeliveryResult, names: TimelineNames): string {
  const reason =
    result.reason === undefined ? undefined : m.timeline.deliveryReason(result.reason, result.detail);
  const target =
    result.channel === 'pagerduty' ? names.role(result.target) : result.target === '-' ? '' : result.target;
  return m.timeline.delivery(result.channel, target, result.outcome, reason, result.attempts);
}

/**
 * The post-mortem draft: the project's template filled from the incident (timeline with times, who
 * ticked which triage step, mitigations and their outcome, escalations, durations, budget consumed).
 * Pure; placeholders it does not know stay visible for a person to fill.
 */
export function postmortemDraft(template: string, incident: Incident, ctx: PostmortemContext): string {
  const end = incident.resolvedAt ?? incident.updatedAt;
  // One start for every duration: the card's « Début », the RTO, the post-mortem.
  const start = incidentStart(incident);
  const tally = incident.alertTally;
  const alertCount = totalAlerts(tally);
  const items = [...new Set(ctx.alerts.map((a) => alertItem(a, incident.policy.itemLabel)))];
  const moreItems =
    Math.max(0, alertCount - ctx.alerts.length) + Math.max(0, items.length - POSTMORTEM_ITEMS);
  const sections: Record<string, string> = {
    incident: incident.id,
    titre: incident.policy.title,
    resume: [
      `- Runbook : \`${incident.policy.runbookId ?? 'aucun'}\` · sévérité finale ${incident.severity}`,
      `- Début ${time(start)}${incident.openedAt - start > LATE_RECEIPT_MS ? ` (reçu par Vigie ${time(incident.openedAt)})` : ''}, ${incident.resolvedAt === undefined ? 'non résolu' : `résolu ${time(incident.resolvedAt)} par ${ctx.names.person(incident.resolvedBy ?? '?')}`} — durée ${duration(end - start)}`,
      ...(incident.acknowledgedAt === undefined
        ? []
        : [
            `- Pris en charge par ${ctx.names.person(incident.acknowledgedBy ?? '?')} ${duration(incident.acknowledgedAt - incident.openedAt)} après l'ouverture par Vigie`,
          ]),
      ...(incident.resolution === undefined ? [] : [`- ${incident.resolution.summary}`]),
    ].join('\n'),
    impact: [
      `- Éléments touchés (${alertCount}) : ${items.slice(0, POSTMORTEM_ITEMS).join(', ') || '—'}${moreItems > 0 ? ` (+${moreItems})` : ''}`,
      `- Impact client : ${incident.resolution?.customerImpact ?? '_à compléter_'}`,
      ctx.budget === undefined
        ? '- Budget d’erreur : ne s’applique pas à ce runbook, ou indisponible'
        : `- Budget d’erreur du mois : ${duration(ctx.budget.consumedMs)} consommés sur ${duration(ctx.budget.budgetMs)} (${Math.round(ctx.budget.consumedRatio * 100)} %), calculé le ${time(ctx.budget.computedAt)}`,
      ...(ctx.rtoMs === undefined
        ? []
        : [
            `- RTO ${duration(ctx.rtoMs)} : ${end - start <= ctx.rtoMs ? 'respecté' : 'dépassé'} (${duration(end - start)})`,
          ]),
    ].join('\n'),
    chronologie: incident.timeline
      .map((e) => `- ${time(e.at)} — ${timelineText(e, m, ctx.names)} (${ctx.names.person(e.actor)})`)
      .join('\n'),
    detection:
      alertCount === 0
        ? `- Incident déclaré à la main : ${incident.summary ?? ''}`
        : `- ${alertCount} alerte${alertCount > 1 ? 's' : ''} Alertmanager, première à ${time(tally.firstStartsAt ?? incident.openedAt)} : ${tally.names.join(', ') || '?'}`,
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
              `- ${ctx.names.mitigation(id)} — ${m.card.actions.run[r.status]}${r.httpStatus === undefined ? '' : `, HTTP ${r.httpStatus}`}${r.durationMs === undefined ? '' : `, ${r.durationMs} ms`} — ${ctx.names.person(r.by)}, ${time(r.startedAt)}${runSaid(r)}`,
          ),
        )
        .join('\n') || '- Aucune mitigation lancée depuis Vigie.',
    escalades:
      incident.escalations
        .map(
          (e) =>
            `- ${ctx.escalationLabels[e.stepId] ?? ctx.names.escalation(e.stepId)} — ${time(e.firedAt)} (${ctx.names.person(e.by)})${e.deliveries === undefined ? '' : ` : ${e.deliveries.map((d) => deliverySaid(d, ctx.names)).join(', ')}`}`,
        )
        .join('\n') || '- Aucune escalade.',
    cause:
      incident.resolution?.cause === undefined
        ? '_à compléter_'
        : `${incident.resolution.cause}\n\n_à approfondir (5 pourquoi)_`,
    suivi: ctx.postIncident.map((p) => `- [ ] ${p}`).join('\n'),
  };
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => sections[name] ?? whole);
}
