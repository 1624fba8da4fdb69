import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'vigie_' });
  }

  recordEvents(events: IncidentEvent[]): void {
    for (const event of events) {
      const runbook = event.incident.policy.runbookId ?? 'unmapped';
      if (event.type === 'incident_opened')
        this.incidentsOpened.inc({ runbook, severity: event.incident.severity });
      if (event.type === 'incident_resolved') {
        this.incidentsResolved.inc({ runbook, by: event.by === 'alertmanager' ? 'alertmanager' : 'person' });
      }
    }
  }
}
