import type { BudgetFigures } from '../incidents/error-budget';
import { budgetFromImpacts, monthOf, slaThreatened } from '../incidents/error-budget';
import { hasFired } from '../incidents/escalation-plan';
import type { Clock, IncidentRepository } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { Slo } from '../runbooks/schema';
import { readAvailability } from './prometheus-sli';

/** After an incident changes, the figures are recomputed (and the SLA rule checked) this much later, once. */
const SETTLE_MS = 1_000;

export interface AvailabilityStatus extends BudgetFigures {
  /** Where the figure came from: Vigie's own incidents (firing time of their alerts), or a Prometheus SLI. */
  source: 'incidents' | 'prometheus';
  threatened: boolean;
}

/**
 * Keeps the month's availability budget current (after incident changes and every minute), exposes it
 * to the cards and commands, sets the metric, and — on its own schedule, never while a card is being
 * rendered — fires the « SLA menacé » escalation steps of open incidents when the SLO file's rule says
 * the SLA is threatened. The figures come from the impact records every save keeps (one small record
 * per incident of the month), never from reading the month's incidents.
 */
export class SloTracker {
  private latest: AvailabilityStatus | undefined;
  /** Why the figure is unavailable, when it is (shown instead of a number). */
  unavailableReason: string | undefined;
  private computedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<AvailabilityStatus | undefined> | undefined;
  private settle: NodeJS.Timeout | undefined;

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

  /**
   * Figures computed at or after `time` (e.g. the incident's last change), computing if needed. Reads
   * only: rendering a card never fires an escalation.
   */
  async asOf(time: number): Promise<AvailabilityStatus | undefined> {
    return this.computedAt >= time ? this.latest : this.compute();
  }

  /** Recomputes the figures and applies the SLA rule (the schedule, and shortly after incident changes). */
  async refresh(): Promise<AvailabilityStatus | undefined> {
    const figures = await this.compute();
    if (figures?.threatened === true) {
      await this.raiseThreatened().catch((error: unknown) =>
        this.deps.logger.error(
          { err: (error as Error).message },
          'slo: could not raise « SLA menacé » escalations (will try again at the next refresh)',
        ),
      );
    }
    return figures;
  }

  /** An incident changed: refresh once things settle (many changes in a second make one refresh). */
  changed(): void {
    this.settle ??= setTimeout(() => {
      this.settle = undefined;
      void this.refresh();
    }, SETTLE_MS);
  }

  stop(): void {
    if (this.settle !== undefined) clearTimeout(this.settle);
    this.settle = undefined;
  }

  /** Computes the figures; concurrent callers share one computation. */
  private compute(): Promise<AvailabilityStatus | undefined> {
    this.pending ??= this.computeNow().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async computeNow(): Promise<AvailabilityStatus | undefined> {
    const { incidents, slo, clock, metrics, logger } = this.deps;
    try {
      const now = clock.now();
      this.computedAt = now;
      const records = await incidents.impactsSince(monthOf(now).start);
      const consuming = records.filter((r) => this.consumes(r.runbookId));
      const fromIncidents = budgetFromImpacts(consuming, slo.availability.budget, now);
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

  /** Fires the « SLA menacé » steps not yet fired of the open incidents that consume the budget. */
  private async raiseThreatened(): Promise<void> {
    const open = await this.deps.incidents.listOpen();
    for (const incident of open.filter((i) => this.consumes(i.policy.runbookId))) {
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
