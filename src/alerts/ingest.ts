import type { IngestResult, IncidentService } from '../incidents/service';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { GroupingOptions } from './grouping';
import { groupAlerts } from './grouping';
import type { WebhookPayload } from './payload';
import type { AlertGroup } from '../incidents/types';

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
    private readonly logger: Logger,
  ) {}

  async ingest(payload: WebhookPayload): Promise<IngestSummary> {
    const groups = groupAlerts(payload, this.grouping);
    const results = await Promise.all(
      groups.map(async (group) => ({ key: group.key, ...(await this.service.receiveAlerts(group)) })),
    );
    this.countUnmatched(groups);
    groups.forEach((group, i) => {
      const runbook = group.policy.runbookId ?? 'unmapped';
      // Counted per status, once per group: a storm's bodies carry thousands of alerts.
      const firing = group.alerts.filter((a) => a.status === 'firing').length;
      if (firing > 0) this.metrics.alertsReceived.inc({ runbook, status: 'firing' }, firing);
      const resolved = group.alerts.length - firing;
      if (resolved > 0) this.metrics.alertsReceived.inc({ runbook, status: 'resolved' }, resolved);
      const duplicates = group.alerts.length - (results[i]?.recorded ?? 0);
      if (duplicates > 0) this.metrics.alertsDeduplicated.inc({ runbook }, duplicates);
    });
    return { alerts: payload.alerts.length, incidents: results };
  }

  /**
   * Alerts no runbook claims still get a card (their group has no runbook); a `runbook` label naming
   * no runbook is also said, once per delivery.
   */
  private countUnmatched(groups: AlertGroup[]): void {
    const unknownLabels = new Set<string>();
    for (const alert of groups.flatMap((g) => (g.policy.runbookId === null ? g.alerts : []))) {
      const named = alert.labels.runbook;
      this.metrics.alertsUnmatched.inc({
        reason: named === undefined ? 'no_runbook' : 'unknown_runbook_label',
      });
      if (named !== undefined) unknownLabels.add(named);
    }
    if (unknownLabels.size > 0)
      this.logger.warn(
        {
          runbookLabels: [...unknownLabels].slice(0, 10),
          known: this.grouping.registry.all().map((r) => r.id),
        },
        'alerts: a `runbook` label names no runbook; the alerts get an unmapped card (fix the label in the alert rule)',
      );
  }
}
