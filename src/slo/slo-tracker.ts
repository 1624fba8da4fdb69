import type { BudgetFigures } from '../incidents/error-budget';
import { errorBudget, monthOf, slaThreatened } from '../incidents/error-budget';
import { hasFired } from '../incidents/escalation-plan';
import type { Clock, IncidentRepository } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { Slo } from '../runbooks/schema';
import { readAvailability } from './prometheus-sli';

/** How far back incidents may have started and still weigh on this month (an outage across the boundary). */
const LOOKBACK_MS = 31 * 86_400_000;

export interface AvailabilityStatus extends BudgetFigures {
  /** Where the figure came from: Vigie's own incidents (firing time of their alerts), or a Prometheus SLI. */
  source: 'incidents' | 'prometheus';
  threatened: boolean;
}

/**
 * Keeps the month's availability budget current (after incident changes and every minute), exposes it
 * to the cards and commands without waiting on the store, sets the metric, and — when the SLO file's
 * rule says the SLA is threatened — fires the « SLA menacé » escalation steps of open incidents.
 */
export class SloTracker {
  private latest: AvailabilityStatus | undefined;
  /** Why the figure is unavailable, when it is (shown instead of a number). */
  unavailableReason: string | undefined;
  private computedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<AvailabilityStatus | undefined> | undefined;

  constructor(
    private readonly deps: {
      incidents: IncidentRepository;
      service: IncidentService;
      slo: Slo;
      clock: Clock;
      metrics: Metrics;
      logger: Logger;
      prometheusUrl?: string | undefined;
    },
  ) {}

  /** The last computed figures (undefined until the first refresh). */
  current(): AvailabilityStatus | undefined {
    return this.latest;
  }

  consumes(runbookId: string | null): boolean {
    return runbookId !== null && this.deps.slo.availability.consumed_by.includes(runbookId);
  }

  /** Figures computed at or after `time` (e.g. the incident's last change), refreshing if needed. */
  async asOf(time: number): Promise<AvailabilityStatus | undefined> {
    return this.computedAt >= time ? this.latest : this.refresh();
  }

  /** Recomputes the figures; concurrent callers share one computation. */
  refresh(): Promise<AvailabilityStatus | undefined> {
    this.pending ??= this.compute().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async compute(): Promise<AvailabilityStatus | undefined> {
    const { incidents, slo, clock, metrics, logger } = this.deps;
    try {
      const now = clock.now();
      this.computedAt = now;
      const recent = await incidents.listOpenedSince(monthOf(now).start - LOOKBACK_MS);
      const open = await incidents.listOpen();
      const byId = new Map([...recent, ...open].map((i) => [i.id, i]));
      const consuming = [...byId.values()].filter((i) => this.consumes(i.policy.runbookId));
      const fromIncidents = errorBudget(consuming, slo.availability.budget, now);
      const measured = await this.fromPrometheus(fromIncidents);
      if (measured === 'unavailable') {
        this.latest = undefined;
        return undefined;
      }
      const figures = measured ?? fromIncidents;
      const rule = slo.availability.sla_threatened;
      const threatened = slaThreatened(figures, {
        remainingRatioBelow: rule.remaining_ratio_below,
        projectedBreach: rule.projected_breach,
      });
      this.latest = { ...figures, source: measured === undefined ? 'incidents' : 'prometheus', threatened };
      this.unavailableReason = undefined;
      metrics.errorBudgetRemaining.set(figures.budgetMs === 0 ? 0 : figures.remainingMs / figures.budgetMs);
      if (threatened) await this.raiseThreatened(open.filter((i) => this.consumes(i.policy.runbookId)));
      return this.latest;
    } catch (error) {
      logger.error(
        { err: (error as Error).message },
        'slo: could not compute the error budget (figure shown as unavailable)',
      );
      this.latest = undefined;
      return undefined;
    }
  }

  /** The budget from the SLO file's Prometheus SLI, if configured: figures, or 'unavailable' with a reason. */
  private async fromPrometheus(base: BudgetFigures): Promise<BudgetFigures | 'unavailable' | undefined> {
    const sli = this.deps.slo.availability.sli;
    if (this.deps.prometheusUrl === undefined || sli === undefined) return undefined;
    const elapsed = this.deps.clock.now() - base.monthStart;
    const reading = await readAvailability(this.deps.prometheusUrl, sli.promql, elapsed);
    if (!reading.ok) {
      this.unavailableReason = reading.reason;
      this.deps.logger.warn(
        { reason: reading.reason },
        'slo: Prometheus SLI unavailable, the budget is shown as unavailable',
      );
      return 'unavailable';
    }
    const consumedMs = (1 - reading.availability) * elapsed;
    const length = base.monthEnd - base.monthStart;
    return {
      ...base,
      consumedMs,
      remainingMs: Math.max(0, base.budgetMs - consumedMs),
      consumedRatio: base.budgetMs === 0 ? 1 : consumedMs / base.budgetMs,
      burnRate:
        base.budgetMs === 0
          ? Number.POSITIVE_INFINITY
          : consumedMs / base.budgetMs / (Math.max(1, elapsed) / length),
      projectedMs: (consumedMs * length) / Math.max(1, elapsed),
    };
  }

  private async raiseThreatened(open: Awaited<ReturnType<IncidentRepository['listOpen']>>): Promise<void> {
    for (const incident of open) {
      for (const step of incident.policy.escalation) {
        if (step.trigger.kind !== 'conditions' || !step.trigger.slaThreatened || hasFired(incident, step.id))
          continue;
        await this.deps.service.execute(incident.id, {
          type: 'fire_escalation',
          actor: 'vigie',
          stepId: step.id,
          generation: incident.generation,
        });
      }
    }
  }
}
