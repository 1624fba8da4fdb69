import { alertItem } from './alert-merge';
import { totalAlerts } from './alert-tally';
import type { BudgetFigures } from './error-budget';
import type { AlertRecord, Incident } from './types';

/** What the draft needs beside the incident: names for ids, and the month's budget if it applies. */
export interface PostmortemContext {
  triageLabels: Record<string, string>;
  mitigationLabels: Record<string, string>;
  escalationLabels: Record<string, string>;
  postIncident: string[];
  budget: BudgetFigures | undefined;
  rtoMs: number | undefined;
  /** The incident's first alerts in card order (the affected items listed). */
  alerts: AlertRecord[];
}

/** Affected items the draft names; the rest are counted. */
export const POSTMORTEM_ITEMS = 20;

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  return h === 0 ? `${minutes} min` : `${h} h ${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The post-mortem draft: the project's template filled from the incident (timeline with times, who
 * ticked which triage step, mitigations and their outcome, escalations, durations, budget consumed).
 * Pure; placeholders it does not know stay visible for a person to fill.
 */
export function postmortemDraft(template: string, incident: Incident, ctx: PostmortemContext): string {
  const end = incident.resolvedAt ?? incident.updatedAt;
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
      `- Ouvert ${time(incident.openedAt)}, ${incident.resolvedAt === undefined ? 'non résolu' : `résolu ${time(incident.resolvedAt)} par ${incident.resolvedBy ?? '?'}`} — durée ${duration(end - incident.openedAt)}`,
      ...(incident.acknowledgedAt === undefined
        ? []
        : [
            `- Pris en charge par ${incident.acknowledgedBy ?? '?'} après ${duration(incident.acknowledgedAt - incident.openedAt)}`,
          ]),
      ...(incident.resolution === undefined ? [] : [`- ${incident.resolution.summary}`]),
    ].join('\n'),
    impact: [
      `- Éléments touchés (${alertCount}) : ${items.slice(0, POSTMORTEM_ITEMS).join(', ') || '—'}${moreItems > 0 ? ` (+${moreItems})` : ''}`,
      `- Impact client : ${incident.resolution?.customerImpact ?? '_à compléter_'}`,
      ctx.budget === undefined
        ? '- Budget d’erreur : ne s’applique pas à ce runbook, ou indisponible'
        : `- Budget d’erreur du mois : ${duration(ctx.budget.consumedMs)} consommés sur ${duration(ctx.budget.budgetMs)} (${Math.round(ctx.budget.consumedRatio * 100)} %)`,
      ...(ctx.rtoMs === undefined
        ? []
        : [
            `- RTO ${duration(ctx.rtoMs)} : ${end - incident.openedAt <= ctx.rtoMs ? 'respecté' : 'dépassé'} (${duration(end - incident.openedAt)})`,
          ]),
    ].join('\n'),
    chronologie: incident.timeline
      .map(
        (e) =>
          `- ${time(e.at)} — ${e.kind}${e.details.length === 0 ? '' : ` : ${e.details.join(', ')}`} (${e.actor})`,
      )
      .join('\n'),
    detection:
      alertCount === 0
        ? `- Incident déclaré à la main : ${incident.summary ?? ''}`
        : `- ${alertCount} alerte${alertCount > 1 ? 's' : ''} Alertmanager, première à ${time(tally.firstStartsAt ?? incident.openedAt)} : ${tally.names.join(', ') || '?'}`,
    triage: Object.entries(ctx.triageLabels)
      .map(([id, label]) => {
        const check = incident.triage[id];
        return `- [${check === undefined ? ' ' : 'x'}] ${label}${check === undefined ? '' : ` — ${check.by}, ${time(check.at)}`}`;
      })
      .join('\n'),
    mitigation:
      Object.entries(incident.mitigations)
        .flatMap(([id, runs]) =>
          runs.map(
            (r) =>
              `- ${ctx.mitigationLabels[id] ?? id} — ${r.status}${r.httpStatus === undefined ? '' : `, HTTP ${r.httpStatus}`}${r.durationMs === undefined ? '' : `, ${r.durationMs} ms`} — ${r.by}, ${time(r.startedAt)}${r.message === undefined ? '' : ` — ${r.message}`}`,
          ),
        )
        .join('\n') || '- Aucune mitigation lancée depuis Vigie.',
    escalades:
      incident.escalations
        .map(
          (e) =>
            `- ${ctx.escalationLabels[e.stepId] ?? e.stepId} — ${time(e.firedAt)} (${e.by})${e.deliveries === undefined ? '' : ` : ${e.deliveries.map((d) => `${d.channel} ${d.target} ${d.outcome}`).join(', ')}`}`,
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
