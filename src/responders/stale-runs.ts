import type { Clock, IncidentRepository } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { RunbookRegistry } from '../runbooks/registry';
import { STALE_GRACE_MS } from './mitigation-runner';

/**
 * A mitigation still "running" long past its timeout lost its replica: mark it failed, with the
 * reason, so the card offers a retry instead of a spinner that never ends. Returns how many.
 */
export async function failStaleRuns(deps: {
  incidents: IncidentRepository;
  service: IncidentService;
  registry: RunbookRegistry;
  clock: Clock;
}): Promise<number> {
  const now = deps.clock.now();
  let failed = 0;
  for (const incident of await deps.incidents.listOpen()) {
    const runbook =
      incident.policy.runbookId === null ? undefined : deps.registry.get(incident.policy.runbookId);
    for (const [mitigationId, runs] of Object.entries(incident.mitigations)) {
      const last = runs.at(-1);
      if (last?.status !== 'running') continue;
      const action = runbook?.mitigations.find((m) => m.id === mitigationId)?.action;
      const timeout = action?.type === 'http' ? action.timeout : 0;
      if (now - last.startedAt < timeout + STALE_GRACE_MS) continue;
      const outcome = {
        status: 'failed' as const,
        httpStatus: undefined,
        durationMs: undefined,
        message: undefined,
        reason: { code: 'interrupted' as const },
        unknown: true,
      };
      const result = await deps.service.execute(incident.id, {
        type: 'finish_mitigation',
        mitigationId,
        number: last.number,
        outcome,
      });
      if (result.outcome === 'changed') failed += 1;
    }
  }
  return failed;
}
