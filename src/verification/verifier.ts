import { PrometheusClient } from '../integrations/prometheus/prometheus-client';
import type { PrometheusProblem, Series } from '../integrations/prometheus/prometheus-client';
import type { Clock, IncidentRepository } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { Incident } from '../incidents/types';
import { verificationOf } from '../incidents/verification';
import type { TriggerCheck, Verification, VerificationProblem } from '../incidents/verification-types';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { alertItem } from '../incidents/alert-merge';
import type { LabelScope } from '../runbooks/scoped-expression';
import { breaches, scopeExpression } from '../runbooks/scoped-expression';
import type { AuditEntry, AuditLog, ClaimedWork } from '../store/store';
import type { WorkOutcome } from '../store/queue-worker';
import { parseVerifyMember } from './verification-effects';

/** A Prometheus that fails right at the verdict is asked again for this long before saying « impossible ». */
const RETRY_FOR_MS = 60_000;
const RETRY_EVERY_MS = 20_000;

/** Affected items put in the scope: enough for any card (the card lists 40). */
const SCOPED_ITEMS = 100;

type Verdict = Pick<Verification, 'status' | 'expr' | 'worst' | 'last' | 'problem' | 'condition'>;

export interface VerifierDeps {
  incidents: IncidentRepository;
  audit: AuditLog;
  service: IncidentService;
  prometheusUrl: string | undefined;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** The labels that scope the trigger to this incident: its grouping labels, and its affected items. */
async function scopeOf(
  incident: Incident,
  trigger: TriggerCheck,
  incidents: IncidentRepository,
): Promise<LabelScope> {
  const scope: LabelScope = {};
  const itemLabel = incident.policy.itemLabel;
  for (const label of trigger.scopeLabels) {
    if (label === itemLabel) {
      const items = [
        ...new Set((await incidents.listAlerts(incident.id, SCOPED_ITEMS)).map((a) => alertItem(a, label))),
      ];
      if (items.length > 0) scope[label] = items;
    } else {
      const value = incident.groupLabels[label];
      if (value !== undefined) scope[label] = value;
    }
  }
  return scope;
}

/** The worst value (the one most on the alert's side) and the latest, across every series. */
function measure(
  series: Series[],
  trigger: TriggerCheck,
): { worst: number; last: number; breached: boolean } | undefined {
  const samples = series.flatMap((s) => s.values);
  if (samples.length === 0) return undefined;
  const upward = trigger.comparison === '>' || trigger.comparison === '>=';
  const values = samples.map(([, v]) => v);
  const worst = upward ? Math.max(...values) : Math.min(...values);
  const latestAt = Math.max(...samples.map(([t]) => t));
  const latest = samples.filter(([t]) => t === latestAt).map(([, v]) => v);
  const last = upward ? Math.max(...latest) : Math.min(...latest);
  return { worst, last, breached: values.some((v) => breaches(v, trigger.comparison, trigger.threshold)) };
}

function problemOf(problem: PrometheusProblem): VerificationProblem {
  switch (problem.code) {
    case 'unreachable':
      return { code: 'prometheus_unreachable', detail: problem.detail };
    case 'prometheus_error':
      return { code: 'prometheus_error', status: problem.status, error: problem.error };
    case 'not_a_ratio':
      return { code: 'no_data' };
  }
}

/**
 * Gives each mitigation's verdict when its window ends: asks Prometheus the trigger's own value
 * expression, scoped to the incident, over the window, and says what it saw — recovered, still
 * degraded, or why it cannot tell. Never resolves the incident, never guesses.
 */
export class Verifier {
  constructor(private readonly deps: VerifierDeps) {}

  async handle(work: ClaimedWork): Promise<WorkOutcome> {
    const target = parseVerifyMember(work.member);
    if (target === undefined) return 'done';
    const incident = await this.deps.incidents.get(target.incidentId);
    const verification =
      incident === null ? undefined : verificationOf(incident, target.mitigationId, target.run);
    if (incident === null || verification?.status !== 'pending') return 'done';
    const verdict = await this.judge(incident, verification);
    const transient =
      verdict.problem?.code === 'prometheus_unreachable' ||
      (verdict.problem?.code === 'prometheus_error' && verdict.problem.status >= 500);
    if (transient && this.deps.clock.now() < verification.until + RETRY_FOR_MS)
      return { retryInMs: RETRY_EVERY_MS };
    const result = await this.deps.service.execute(incident.id, {
      type: 'record_verdict',
      mitigationId: target.mitigationId,
      run: target.run,
      verdict,
    });
    if (result.outcome === 'changed') {
      await this.audit(incident.id, {
        at: this.deps.clock.now(),
        actor: 'vigie',
        action: `verification.${target.mitigationId}`,
        params: {
          run: target.run,
          from: verification.from,
          until: verification.until,
          ...(verdict.worst === undefined ? {} : { worst: verdict.worst }),
          ...(verdict.last === undefined ? {} : { last: verdict.last }),
          ...(verdict.expr === undefined ? {} : { expr: verdict.expr }),
          ...(verdict.problem === undefined ? {} : { problem: verdict.problem.code }),
        },
        outcome: verdict.status,
      });
      this.deps.metrics.mitigationVerdicts.inc({
        runbook: incident.policy.runbookId ?? 'unmapped',
        mitigation: target.mitigationId,
        verdict: verdict.status,
      });
      this.deps.logger.info(
        {
          incident: incident.id,
          mitigation: target.mitigationId,
          run: target.run,
          verdict: verdict.status,
          worst: verdict.worst,
        },
        'verification: verdict recorded',
      );
    }
    return 'done';
  }

  /** The verdict is on the incident already: an audit write that fails is logged, not retried into a second verdict. */
  private async audit(incidentId: string, entry: AuditEntry): Promise<void> {
    try {
      await this.deps.audit.append(incidentId, entry);
    } catch (error) {
      this.deps.logger.error(
        { incident: incidentId, action: entry.action, err: (error as Error).message },
        'verification: verdict recorded on the incident but not in the audit log',
      );
    }
  }

  private async judge(incident: Incident, verification: Verification): Promise<Verdict> {
    const trigger = incident.policy.trigger;
    if (trigger === undefined)
      return { status: 'impossible', expr: undefined, problem: { code: 'no_threshold' } };
    const condition = { comparison: trigger.comparison, threshold: trigger.threshold };
    const expr = scopeExpression(trigger.value, await scopeOf(incident, trigger, this.deps.incidents));
    if (this.deps.prometheusUrl === undefined)
      return { status: 'impossible', expr, condition, problem: { code: 'not_configured' } };
    const client = new PrometheusClient(this.deps.prometheusUrl);
    // About twenty points over the window (15 s for the default 5 minutes).
    const step = Math.max(1, Math.round((verification.until - verification.from) / 1000 / 20));
    const answer = await client.range(expr, verification.from, verification.until, step);
    if (!answer.ok) return { status: 'impossible', expr, condition, problem: problemOf(answer.problem) };
    const seen = measure(answer.value, trigger);
    if (seen === undefined) return { status: 'impossible', expr, condition, problem: { code: 'no_data' } };
    return {
      status: seen.breached ? 'degraded' : 'recovered',
      expr,
      condition,
      worst: seen.worst,
      last: seen.last,
    };
  }
}
