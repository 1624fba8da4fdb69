import type { KnownBlock } from '@slack/types';
import { incidentStart } from '../../incidents/alert-tally';
import type { Incident } from '../../incidents/types';
import type { Locale } from '../../i18n';
import type { SliProblem } from '../../slo/prometheus-sli';
import { messages } from '../../i18n';
import { slackDate } from './limits';
import type { CardContext } from './primitives';
import { context } from './primitives';

/** The month's availability figures as the card shows them (from the SLO tracker). */
export interface BudgetView {
  consumedMs: number;
  budgetMs: number;
  consumedRatio: number;
  threatened: boolean;
  /** When the figure was computed (shown: the same figure reads the same everywhere). */
  computedAt: number;
  /** How much history a measured figure (Prometheus SLI) stands on, when less than the month so far. */
  dataMs?: number | undefined;
}

export function budgetLine(
  view: BudgetView | undefined,
  locale: Locale,
  unavailableReason?: SliProblem,
): string {
  const m = messages(locale);
  if (view === undefined) return m.budget.unavailable(unavailableReason);
  return m.budget.line({
    consumed: m.duration(view.consumedMs),
    budget: m.duration(view.budgetMs),
    percent: Math.round(view.consumedRatio * 100),
    at: slackDate(view.computedAt, '{time}', new Date(view.computedAt).toISOString()),
    data: view.dataMs === undefined ? undefined : m.duration(view.dataMs),
    threatened: view.threatened,
  });
}

/** Budget (availability-impacting runbooks), RTO deadline or verdict, RPO age — where the runbook sets them. */
export function sloBlocks(incident: Incident, ctx: CardContext): KnownBlock[] {
  const m = messages(ctx.locale);
  const lines: string[] = [];
  if (ctx.budget !== null) lines.push(budgetLine(ctx.budget, ctx.locale, ctx.budgetUnavailableReason));
  const rto = ctx.runbook?.recovery.rto;
  if (rto !== undefined) {
    // The RTO counts from the incident's start, as its « Début » and « Durée » do.
    const deadline = incidentStart(incident) + rto;
    if (incident.resolvedAt === undefined) {
      // With how far it is as a Slack token (« dans 3 h », « il y a 5 jours »): true however long the
      // card sits; past it when rendered, it says so in words.
      const date = slackDate(deadline, '{date_short_pretty} {time}', new Date(deadline).toISOString());
      const passed = ctx.now > deadline;
      const distance = m.duration(Math.abs(deadline - ctx.now));
      const relative = slackDate(
        deadline,
        '{ago}',
        passed ? m.recovery.agoTime(distance) : m.escalation.inTime(distance),
      );
      const when = `${date} (${relative})`;
      lines.push(
        passed ? m.recovery.rtoPassed(m.duration(rto), when) : m.recovery.rtoUntil(m.duration(rto), when),
      );
    } else {
      const took = m.duration(incident.resolvedAt - incidentStart(incident));
      lines.push(m.recovery.rtoOutcome(m.duration(rto), incident.resolvedAt <= deadline, took));
    }
  }
  const rpo = ctx.runbook?.recovery.rpo;
  if (rpo !== undefined) {
    // Once resolved, how long the logs went unarchived is settled: a verdict, not « since ».
    const age = (incident.resolvedAt ?? ctx.now) - incidentStart(incident);
    lines.push(
      incident.resolvedAt === undefined
        ? m.recovery.rpo(m.duration(age), m.duration(rpo), age > rpo)
        : m.recovery.rpoOutcome(m.duration(rpo), age <= rpo, m.duration(age)),
    );
  }
  return lines.length === 0 ? [] : [context(lines)];
}
