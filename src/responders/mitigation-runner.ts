import type { Clock } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { Incident, MitigationOutcome } from '../incidents/types';
import { buildOpsRequest } from '../integrations/ops/ops-request';
import type { OpsClient } from '../integrations/ops/ops-client';
import type { Logger } from '../observability/logger';
import type { Mitigation } from '../runbooks/schema';
import type { TemplateScope } from '../runbooks/template';
import { renderLink } from '../runbooks/template';
import type { AuditLog } from '../store/store';
import type { Permissions } from './permissions';
import type { ActionResult } from './refusal';
import { done, refuse } from './refusal';
import { refusalFor } from './refusal-for';

/** Waits between attempts to record an outcome while the store is unreachable (about 10 minutes in all). */
const RECORD_RETRY_MS = [
  500, 1000, 2000, 5000, 10_000, 30_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000,
  60_000, 60_000,
];

/** Extra time past the runbook timeout before a "running" run is presumed lost (its replica died). */
export const STALE_GRACE_MS = 60_000;

export interface MitigationRunnerDeps {
  service: IncidentService;
  ops: OpsClient;
  permissions: Permissions;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  onOutcome?: (incidentId: string, mitigationId: string, outcome: MitigationOutcome) => void;
}

export interface StartedRun {
  /** The mitigation's label, as the runbook words it. */
  label: string;
  number: number;
  /** No ops API is configured: the run is simulated, nothing is sent (the sandbox, a staging setup). */
  dryRun: boolean;
}

/** Runs a runbook mitigation: permission, one run at a time, audit before and after, outcome on the incident. */
export class MitigationRunner {
  constructor(private readonly deps: MitigationRunnerDeps) {}

  async start(
    incident: Incident,
    mitigation: Mitigation,
    user: string,
    scope: TemplateScope,
  ): Promise<ActionResult<StartedRun>> {
    const { audit, clock } = this.deps;
    const action = `mitigation.${mitigation.id}`;
    const verdict = await this.deps.permissions.mayAct(user, mitigation.allowed);
    if (!verdict.allowed) {
      await audit.append(incident.id, {
        at: clock.now(),
        actor: user,
        action,
        params: { allowed: mitigation.allowed.join(',') },
        outcome: `denied:${verdict.reason}`,
      });
      return refuse(
        verdict.reason === 'directory_unavailable'
          ? { code: 'permission_check_failed' }
          : { code: 'not_allowed', roles: mitigation.allowed },
      );
    }
    const timeoutMs = mitigation.action.type === 'http' ? mitigation.action.timeout : 0;
    const started = await this.deps.service.execute(
      incident.id,
      {
        type: 'start_mitigation',
        actor: user,
        mitigationId: mitigation.id,
        staleAfterMs: timeoutMs + STALE_GRACE_MS,
      },
      incident,
    );
    if (started.outcome === 'not_found') return refuse({ code: 'unknown_incident', incidentId: incident.id });
    if (started.outcome === 'rejected') {
      await audit.append(incident.id, {
        at: clock.now(),
        actor: user,
        action,
        params: {},
        outcome: `refused:${started.rejection.code}`,
      });
      return refuse(refusalFor(incident, started.rejection));
    }
    const run = started.incident.mitigations[mitigation.id]?.at(-1);
    if (run === undefined) return refuse({ code: 'rejected', detail: 'run not recorded' });
    const params = {
      run: run.number,
      role: verdict.role,
      type: mitigation.action.type,
      dryRun: this.deps.ops.dryRun,
    };
    // Audited before the call: if the audit log cannot be written, nothing is run.
    await audit.append(incident.id, { at: clock.now(), actor: user, action, params, outcome: 'started' });
    this.deps.logger.info(
      { incident: incident.id, mitigation: mitigation.id, run: run.number, user },
      'mitigation started',
    );
    // Not awaited: the Slack listener has acked already; the outcome reaches the card through the incident.
    void this.perform(incident.id, mitigation, run.keyRun ?? run.number, scope)
      .then((outcome) => this.finish(incident.id, mitigation.id, run.number, user, outcome))
      .catch((error: unknown) =>
        this.deps.logger.error(
          { incident: incident.id, mitigation: mitigation.id, err: (error as Error).message },
          'mitigation: failed unexpectedly',
        ),
      );
    return done({ label: mitigation.label, number: run.number, dryRun: this.deps.ops.dryRun });
  }

  private async perform(
    incidentId: string,
    mitigation: Mitigation,
    keyRun: number,
    scope: TemplateScope,
  ): Promise<MitigationOutcome> {
    const action = mitigation.action;
    switch (action.type) {
      case 'http': {
        const request = buildOpsRequest(action, scope, incidentId, mitigation.id, keyRun);
        if ('refused' in request)
          return {
            status: 'failed',
            httpStatus: undefined,
            durationMs: undefined,
            message: undefined,
            reason: { code: 'unsafe_path', ...request.refused },
          };
        return this.deps.ops.execute(request);
      }
      case 'link':
        return {
          status: 'succeeded',
          httpStatus: undefined,
          durationMs: undefined,
          message: renderLink(action.url, scope),
        };
      case 'manual':
        return {
          status: 'succeeded',
          httpStatus: undefined,
          durationMs: undefined,
          message: action.checklist,
        };
    }
  }

  /**
   * Records the outcome, retrying while the store is unreachable (the ops API has acted: losing its
   * answer would show a run "en cours" and invite a second one). A result that arrives after the
   * stale-run sweep gave the run up as unknown still replaces it.
   */
  private async finish(
    incidentId: string,
    mitigationId: string,
    number: number,
    user: string,
    outcome: MitigationOutcome,
  ): Promise<void> {
    const { audit, clock, logger } = this.deps;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.deps.service.execute(incidentId, {
          type: 'finish_mitigation',
          mitigationId,
          number,
          outcome,
        });
        break;
      } catch (error) {
        const delay = RECORD_RETRY_MS[attempt];
        logger.error(
          {
            incident: incidentId,
            mitigation: mitigationId,
            run: number,
            outcome,
            err: (error as Error).message,
          },
          delay === undefined
            ? 'mitigation: could not record the outcome; giving up (the stale-run sweep will mark it unknown)'
            : `mitigation: could not record the outcome; retrying in ${delay} ms`,
        );
        if (delay === undefined) return;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    const params = {
      run: number,
      ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
      ...(outcome.durationMs === undefined ? {} : { durationMs: outcome.durationMs }),
      message: outcome.message ?? '',
      ...(outcome.reason === undefined ? {} : { reason: outcome.reason.code }),
    };
    try {
      await audit.append(incidentId, {
        at: clock.now(),
        actor: user,
        action: `mitigation.${mitigationId}`,
        params,
        outcome: outcome.status,
      });
    } catch (error) {
      logger.error(
        { incident: incidentId, mitigation: mitigationId, run: number, err: (error as Error).message },
        'mitigation: outcome recorded on the incident but not in the audit log',
      );
    }
    this.deps.onOutcome?.(incidentId, mitigationId, outcome);
  }
}
