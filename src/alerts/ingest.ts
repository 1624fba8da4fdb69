import type { IngestResult, IncidentService } from '../incidents/service';
import type { Metrics } from '../observability/metrics';
import type { GroupingOptions } from './grouping';
import { groupAlerts } from './grouping';
import type { WebhookPayload } from './payload';

export interface IngestSummary {
  alerts: number;
  incidents: Array<IngestResult & { key: string }>;
}

/** Turns one validated Alertmanager delivery into incident changes. Throws if anything could not be stored. */
export class AlertIngest {
  constructor(
    private readonly service: IncidentService,
    private readonly grouping: GroupingOptions,
    private readonly metrics: Metrics,
  ) {}

  async ingest(payload: WebhookPayload): Promise<IngestSummary> {
    const groups = groupAlerts(payload, this.grouping);
    const results = await Promise.all(
      groups.map(async (group) => ({ key: group.key, ...(await this.service.receiveAlerts(group)) })),
    );
    groups.forEach((group, i) => {
      const runbook = group.policy.runbookId ?? 'unmapped';
      for (const alert of group.alerts) this.metrics.alertsReceived.inc({ runbook, status: alert.status });
      const duplicates = group.alerts.length - (results[i]?.recorded ?? 0);
      if (duplicates > 0) this.metrics.alertsDeduplicated.inc({ runbook }, duplicates);
    });
    return { alerts: payload.alerts.length, incidents: results };
  }
}
