import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OpenCounts } from './open-counts-cache';
import { OpenCountsCache } from './open-counts-cache';
import type { IncidentEvent } from '../incidents/types';

/** Vigie's Prometheus metrics, on a registry of its own (several apps can live in one test process). */
export class Metrics {
  readonly registry = new Registry();

  readonly alertDeliveries = new Counter({
    name: 'vigie_alert_deliveries_total',
    help: 'Alertmanager webhook deliveries, by outcome (accepted, unauthorized, invalid, too_large, unavailable).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly alertsReceived = new Counter({
    name: 'vigie_alerts_received_total',
    help: 'Alerts received from Alertmanager, by runbook ("unmapped" if none) and alert status.',
    labelNames: ['runbook', 'status'] as const,
    registers: [this.registry],
  });

  readonly cardSyncPasses = new Counter({
    name: 'vigie_card_sync_passes_total',
    help: "Passes of the card sync over an incident's cards (or a storm digest), by outcome: done (up to date), held (waiting for Slack's budget), failed (retried with backoff).",
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly mitigationVerdicts = new Counter({
    name: 'vigie_mitigation_verdicts_total',
    help: 'Verdicts of the checks after a mitigation succeeded: recovered, degraded (still firing), or impossible (no data, Prometheus down).',
    labelNames: ['runbook', 'mitigation', 'verdict'] as const,
    registers: [this.registry],
  });

  readonly alertsUnmatched = new Counter({
    name: 'vigie_alerts_unmatched_total',
    help: 'Alerts no runbook claims (they get an unmapped card), by reason: no_runbook, or unknown_runbook_label (a `runbook` label naming no runbook).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly alertsDeduplicated = new Counter({
    name: 'vigie_alerts_deduplicated_total',
    help: 'Alerts received again (same fingerprint, startsAt and status) or stale, that changed nothing.',
    labelNames: ['runbook'] as const,
    registers: [this.registry],
  });

  readonly incidentsOpened = new Counter({
    name: 'vigie_incidents_opened_total',
    help: 'Incidents opened, by runbook and severity.',
    labelNames: ['runbook', 'severity'] as const,
    registers: [this.registry],
  });

  readonly incidentsResolved = new Counter({
    name: 'vigie_incidents_resolved_total',
    help: 'Incidents resolved, by runbook and by whom (alertmanager or a person).',
    labelNames: ['runbook', 'by'] as const,
    registers: [this.registry],
  });

  readonly slackApiCalls = new Counter({
    name: 'vigie_slack_api_calls_total',
    help: 'Slack Web API calls, by method and outcome (ok, rate_limited, error, unavailable).',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly mitigations = new Counter({
    name: 'vigie_mitigation_actions_total',
    help: 'Mitigation runs finished, by mitigation id and outcome (succeeded, failed, dry_run).',
    labelNames: ['mitigation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly escalationsFired = new Counter({
    name: 'vigie_escalations_fired_total',
    help: 'Escalation steps fired, by runbook and step.',
    labelNames: ['runbook', 'step'] as const,
    registers: [this.registry],
  });

  readonly escalationDeliveries = new Counter({
    name: 'vigie_escalation_deliveries_total',
    help: 'Escalation deliveries, by runbook, step, channel (pagerduty, email, slack, slack_dm) and outcome.',
    labelNames: ['runbook', 'step', 'channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly pages = new Counter({
    name: 'vigie_pages_total',
    help: 'Pages sent, by provider and outcome.',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly timerLateness = new Histogram({
    name: 'vigie_escalation_timer_lateness_seconds',
    help: 'How late escalation timers fired after their due time.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly timersPending = new Gauge({
    name: 'vigie_escalation_timers_pending',
    help: 'Escalation timers armed and not yet fired (due or leased).',
    registers: [this.registry],
  });

  readonly timersOverdue = new Gauge({
    name: 'vigie_escalation_timers_overdue',
    help: 'Escalation timers more than a minute past due and not yet claimed (the watchdog).',
    registers: [this.registry],
  });

  readonly timeToAcknowledge = new Histogram({
    name: 'vigie_incident_time_to_acknowledge_seconds',
    help: 'From opening to acknowledgement (MTTA), by runbook and severity.',
    labelNames: ['runbook', 'severity'] as const,
    buckets: [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400],
    registers: [this.registry],
  });

  readonly timeToResolve = new Histogram({
    name: 'vigie_incident_time_to_resolve_seconds',
    help: 'From opening to resolution (MTTR), by runbook and severity.',
    labelNames: ['runbook', 'severity'] as const,
    buckets: [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800],
    registers: [this.registry],
  });

  readonly errorBudgetRemaining = new Gauge({
    name: 'vigie_error_budget_remaining_ratio',
    help: "Share of the month's availability error budget (99.5 %: 3 h 36) still unspent.",
    registers: [this.registry],
  });

  readonly slackRequestsRefused = new Counter({
    name: 'vigie_slack_requests_refused_total',
    help: 'Requests to /slack/events not acted on, by reason (unsigned, odd_payload, foreign_workspace, replay, too_large, not_ready).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly reconcileSeconds = new Gauge({
    name: 'vigie_escalation_reconcile_seconds',
    help: 'How long the last pass re-arming every open incident’s escalation timers took.',
    registers: [this.registry],
  });

  readonly unreadableDocuments = new Counter({
    name: 'vigie_store_unreadable_documents_total',
    help: 'Stored documents (incidents, alerts) that could not be read back and were skipped.',
    registers: [this.registry],
  });

  readonly incidentSavesLost = new Counter({
    name: 'vigie_incident_saves_lost_total',
    help: 'Incident saves that lost their race to another writer of the incident (in practice another replica), each then tried again on a fresh read (up to 20 times), by writer: alerts (deliveries) or command (clicks, timers, delivery records).',
    labelNames: ['writer'] as const,
    registers: [this.registry],
  });

  readonly unexpectedErrors = new Counter({
    name: 'vigie_unexpected_errors_total',
    help: 'Errors that reached the process-level guard (logged; Vigie keeps serving), by kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly sloBreaches = new Counter({
    name: 'vigie_slo_breaches_total',
    help: 'Escalations that declare an objective breached: RTO (4 h) or RPO (24 h, incident report), by runbook.',
    labelNames: ['objective', 'runbook'] as const,
    registers: [this.registry],
  });

  /** Open incidents by runbook and severity: counts the store keeps on every save (all replicas agree, no scan). */
  private readonly openCounts: OpenCountsCache;

  constructor(readOpenCounts: () => Promise<OpenCounts> = () => Promise.resolve([])) {
    const openCounts = new OpenCountsCache(readOpenCounts);
    this.openCounts = openCounts;
    collectDefaultMetrics({ register: this.registry, prefix: 'vigie_' });
    new Gauge({
      name: 'vigie_incidents_open',
      help: 'Incidents open now, by runbook and severity (changes by other replicas show within 15 s).',
      labelNames: ['runbook', 'severity'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { runbook, severity, count } of await openCounts.current())
          this.set({ runbook, severity }, count);
      },
    });
  }

  recordEvents(events: IncidentEvent[]): void {
    this.openCounts.saw(events);
    for (const event of events) {
      const runbook = event.incident.policy.runbookId ?? 'unmapped';
      if (event.type === 'incident_opened')
        this.incidentsOpened.inc({ runbook, severity: event.incident.severity });
      const labels = { runbook, severity: event.incident.severity };
      const since = (at: number | undefined) =>
        Math.max(0, ((at ?? event.incident.openedAt) - event.incident.openedAt) / 1000);
      if (event.type === 'incident_resolved') {
        this.incidentsResolved.inc({ runbook, by: event.by === 'alertmanager' ? 'alertmanager' : 'person' });
        this.timeToResolve.observe(labels, since(event.incident.resolvedAt));
      }
      if (event.type === 'incident_acknowledged')
        this.timeToAcknowledge.observe(labels, since(event.incident.acknowledgedAt));
      if (event.type === 'escalation_fired') {
        if (event.step.sets.rtoBreached === true) this.sloBreaches.inc({ objective: 'rto', runbook });
        if (event.step.sets.incidentReportRequired === true)
          this.sloBreaches.inc({ objective: 'rpo', runbook });
      }
    }
  }
}
