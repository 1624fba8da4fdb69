import type { RunbookSet } from './loader';
import type { Runbook } from './schema';

/**
 * Finds the runbook for an alert: by its `runbook` label when it has one (a label naming no runbook is
 * a mistake to see, not to paper over: the alert is unmatched), else by its alert name.
 */
export class RunbookRegistry {
  private readonly byId = new Map<string, Runbook>();
  private readonly byAlertname = new Map<string, Runbook>();

  constructor(readonly set: RunbookSet) {
    for (const runbook of set.runbooks) {
      this.byId.set(runbook.id, runbook);
      for (const name of runbook.trigger.alertnames) this.byAlertname.set(name, runbook);
    }
  }

  get(id: string): Runbook | undefined {
    return this.byId.get(id);
  }

  all(): Runbook[] {
    return [...this.byId.values()];
  }

  match(labels: Record<string, string>): Runbook | undefined {
    if (labels.runbook !== undefined) return this.byId.get(labels.runbook);
    return labels.alertname === undefined ? undefined : this.byAlertname.get(labels.alertname);
  }
}
