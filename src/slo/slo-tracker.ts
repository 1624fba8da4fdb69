import type { BudgetFigures } from '../incidents/error-budget';
import { budgetFromImpacts, monthOf, slaThreatened } from '../incidents/error-budget';
import { hasFired } from '../incidents/escalation-plan';
import type { Clock, IncidentRepository } from '../incidents/ports';
import type { Incident } from '../incidents/types';
import type { IncidentService } from '../incidents/service';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { Slo } from '../runbooks/slo-schema';
import type { SliProblem } from './prometheus-sli';
import { readAvailability } from './prometheus-sli';
import type { Measured } from './measured-budget';
import { measuredBudget, spentBefore } from './measured-budget';

/** After an incident changes, the figures are recomputed (and the SLA rule checked) this much later, once. */
const SETTLE_MS = 1_000;

export interface AvailabilityStatus extends BudgetFigures {
  /** Where the figure came from: Vigie's own incidents (firing time of their alerts), or a Prometheus SLI. */
  source: 'incidents' | 'prometheus';
  threatened: boolean;
  /** How much history a measured figure stands on, when less than the month so far (then it is said). */
  dataMs?: number | undefined;
  /**
   * When the figures as shown (to the minute) were computed: every surface shows this one value with
   * this time, the same text on the card, App Home, `/incident slo` and the post-mortem.
   */
  computedAt: number;
}

/** What a reader sees of the figures: a change of it is worth re-rendering the cards that show them. */
const shownKey = (s: AvailabilityStatus | undefined): string =>
  s === undefined
    ? 'unavailable'
    : `${s.monthStart}|${Math.floor(s.consumedMs / 60_000)}|${s.budgetMs}|${String(s.threatened)}`;

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
  unavailableReason: SliProblem | undefined;
  private pending: Promise<AvailabilityStatus | undefined> | undefined;
  /** The incidents the last count read, at the version each record was saved with. */
  private countedVersions = new Map<string, number>();
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
      /** The shown figures changed: the incidents still consuming the budget (their cards show it). */
      onShownChange?: (ongoing: string[]) => void;
    },
  ) {}

  /**
   * The month's figures as last computed (undefined until the first refresh, or while unavailable):
   * the card, App Home, `/incident slo` and the post-mortem all show this one value and its time.
   * Reading never computes nor fires anything.
   */
  current(): AvailabilityStatus | undefined {
    return this.latest;
  }

  /**
   * The figures for a surface about an incident as just read (a card, a post-mortem): the last ones if
   * their count read this incident at this version or later, else counted again (shared with a count
   * under way, if it read it). A new incident's first card shows its own outage, not the month as it
   * was a moment before it opened (the settling refresh would correct it a second or two later). The
   * version, not a time, says whether a count saw a change: a count that started after the change was
   * stamped may still have read Redis before the save landed. Figures measured by Prometheus do not
   * depend on Vigie's saves.
   */
  async currentAfter(incident: Pick<Incident, 'id' | 'version'>): Promise<AvailabilityStatus | undefined> {
    const counted = () => (this.countedVersions.get(incident.id) ?? -1) >= incident.version;
    if (this.prometheusSli() !== undefined || counted()) return this.latest;
    await this.pending;
    // A count started now reads the incident as the caller read it, or later.
    return counted() ? this.latest : this.compute();
  }

  /** Where the figures are measured, when the SLO file names a Prometheus SLI and Vigie has a Prometheus. */
  private prometheusSli() {
    const { prometheusUrl, slo } = this.deps;
    const sli = slo.availability.sli;
    return prometheusUrl === undefined || sli === undefined ? undefined : { prometheusUrl, sli };
  }

  /** Whether incidents of this runbook consume the budget (before the SLO's scope is applied). */
  consumes(runbookId: string | null): boolean {
    return runbookId !== null && this.deps.slo.availability.consumed_by.includes(runbookId);
  }

  /** Whether this incident consumes the budget: frozen on it when it opened (runbook and `env` scope). */
  consumesIncident(incident: Incident): boolean {
    return incident.policy.consumesBudget ?? this.consumes(incident.policy.runbookId);
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
    if (this.pending === undefined) {
      this.pending = this.computeNow().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private async computeNow(): Promise<AvailabilityStatus | undefined> {
    const { incidents, slo, clock, metrics, logger } = this.deps;
    try {
      const now = clock.now();
      const records = await incidents.impactsSince(monthOf(now).start);
      // Said counted only together with the figures that count them (see publish).
      const versions = new Map(records.map((r) => [r.incidentId, r.version ?? -1]));
      const consuming = records.filter((r) => r.consumes ?? this.consumes(r.runbookId));
      const fromIncidents = budgetFromImpacts(
        consuming,
        slo.availability.budget,
        now,
        slo.availability.projection_min_history,
      );
      const measured = await this.fromPrometheus(fromIncidents);
      const ongoing = consuming.filter((r) => r.ongoingSince !== undefined).map((r) => r.incidentId);
      if (measured === 'unavailable') return this.publish(undefined, ongoing, versions);
      const figures: Measured = measured ?? fromIncidents;
      const rule = slo.availability.sla_threatened;
      // A month's figure from a few minutes of data says so, and never raises « SLA menacé » alone.
      const threatened =
        figures.dataMs === undefined &&
        slaThreatened(figures, {
          remainingRatioBelow: rule.remaining_ratio_below,
          projectedBreach: rule.projected_breach,
        });
      this.unavailableReason = undefined;
      metrics.errorBudgetRemaining.set(figures.budgetMs === 0 ? 0 : figures.remainingMs / figures.budgetMs);
      const source = measured === undefined ? 'incidents' : 'prometheus';
      return this.publish({ ...figures, source, threatened, computedAt: now }, ongoing, versions);
    } catch (error) {
      logger.error(
        { err: (error as Error).message },
        'slo: could not compute the error budget (figure shown as unavailable)',
      );
      return this.publish(undefined, [], new Map());
    }
  }

  /**
   * Keeps the new figures with the incident versions they counted (set together: a reader between a
   * count's read and its figures would otherwise take the old figures for counting its change), and
   * says so when what readers see changed.
   */
  private publish(
    next: AvailabilityStatus | undefined,
    ongoing: string[],
    counted: Map<string, number>,
  ): AvailabilityStatus | undefined {
    this.countedVersions = counted;
    const changed = shownKey(next) !== shownKey(this.latest);
    // Unchanged as shown: keep the time it was first shown, so every surface says the same.
    if (!changed && next !== undefined && this.latest !== undefined) next.computedAt = this.latest.computedAt;
    this.latest = next;
    if (changed) this.deps.onShownChange?.(ongoing);
    return next;
  }

  /**
   * The budget from the SLO file's Prometheus SLI, if configured: figures (see measuredBudget), or
   * 'unavailable' (with the problem kept for the surfaces).
   */
  private async fromPrometheus(base: BudgetFigures): Promise<Measured | 'unavailable' | undefined> {
    const measuring = this.prometheusSli();
    if (measuring === undefined) return undefined;
    const now = this.deps.clock.now();
    const reading = await readAvailability(measuring.prometheusUrl, measuring.sli, now - base.monthStart);
    if (!reading.ok) {
      this.unavailableReason = reading.problem;
      this.deps.logger.warn(
        { problem: reading.problem },
        'slo: Prometheus SLI unavailable, the budget is shown as unavailable',
      );
      return 'unavailable';
    }
    return measuredBudget(
      base,
      reading,
      now,
      this.deps.slo.availability.projection_min_history,
      spentBefore(this.latest, base.monthStart),
    );
  }

  /** Fires the « SLA menacé » steps not yet fired of the open incidents that consume the budget. */
  private async raiseThreatened(): Promise<void> {
    const open = await this.deps.incidents.listOpen();
    for (const incident of open.filter((i) => this.consumesIncident(i))) {
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
