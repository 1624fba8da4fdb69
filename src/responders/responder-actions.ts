import type { Clock, IncidentRepository } from '../incidents/ports';
import { StoreUnavailableError } from '../incidents/ports';
import type { CommandResult, IncidentService } from '../incidents/service';
import type { EscalationStep, Incident, IncidentCommand, Resolution, Severity } from '../incidents/types';
import type { RunbookRegistry } from '../runbooks/registry';
import type { Runbook } from '../runbooks/schema';
import { incidentScope } from '../runbooks/incident-scope';
import type { PolicyWords } from '../runbooks/incident-policy';
import { runbookPolicy } from '../runbooks/incident-policy';
import type { AuditLog } from '../store/store';
import { nextStepToForce } from '../incidents/escalation-plan';
import type { MitigationRunner, StartedRun } from './mitigation-runner';
import type { ActionResult } from './refusal';
import { done, refuse } from './refusal';
import { alreadyEscalated, noStepToForce, refusalFor } from './refusal-for';
import { textTooLong } from './text-length';

export interface ResponderActionsDeps {
  service: IncidentService;
  incidents: IncidentRepository;
  registry: RunbookRegistry;
  runner: MitigationRunner;
  audit: AuditLog;
  clock: Clock;
  urls: Record<string, string>;
  /** Vigie's own words in the policy a declared incident freezes, in the deployment's language. */
  words: PolicyWords;
}

/** Where a request points: an incident, and the generation of the card it came from (commands have none). */
export interface Target {
  incidentId: string;
  generation?: number;
}

type Located = { incident: Incident; runbook: Runbook | undefined };

/**
 * What responders can do, whatever the Slack surface (button, command, modal): each use-case checks
 * the request, runs the domain command, and writes the audit log. Slack listeners stay thin.
 */
export class ResponderActions {
  constructor(private readonly deps: ResponderActionsDeps) {}

  acknowledge(target: Target, user: string): Promise<ActionResult> {
    return this.simple(target, user, 'acknowledge', {}, () => ({ type: 'acknowledge', actor: user }));
  }

  /** Ticks or unticks a triage step (on the card of the current phase). */
  toggleTriage(target: Target, stepId: string, user: string): Promise<ActionResult<boolean>> {
    return this.toggle(
      target,
      'triage',
      stepId,
      user,
      (incident, runbook) => runbook?.triage.some((s) => s.id === stepId) === true,
    );
  }

  /** Ticks or unticks a post-incident duty: a duty done is done whatever the phase, so no stale-card check. */
  toggleFollowup(target: Target, itemId: string, user: string): Promise<ActionResult<boolean>> {
    return this.toggle({ incidentId: target.incidentId }, 'followups', itemId, user, () =>
      this.deps.registry.set.slo.post_incident.some((p) => p.id === itemId),
    );
  }

  private toggle(
    target: Target,
    list: 'triage' | 'followups',
    itemId: string,
    user: string,
    known: (incident: Incident, runbook: Runbook | undefined) => boolean,
  ): Promise<ActionResult<boolean>> {
    return this.guard(async () => {
      const located = await this.locate(target, { allowResolved: true });
      if (!located.ok) return located;
      const { incident, runbook } = located.value;
      if (!known(incident, runbook)) return refuse({ code: 'unknown_step', stepId: itemId });
      const checked = incident[list][itemId] === undefined;
      const command: IncidentCommand =
        list === 'triage'
          ? { type: checked ? 'check_triage' : 'uncheck_triage', actor: user, stepId: itemId }
          : { type: checked ? 'check_followup' : 'uncheck_followup', actor: user, itemId };
      const result = await this.deps.service.execute(incident.id, command, incident);
      const action = `${list === 'triage' ? 'triage' : 'followup'}.${checked ? 'check' : 'uncheck'}`;
      await this.audit(incident.id, user, action, { item: itemId }, result);
      return result.outcome === 'rejected' ? refuse(refusalFor(incident, result.rejection)) : done(checked);
    });
  }

  async mitigate(target: Target, mitigationId: string, user: string): Promise<ActionResult<StartedRun>> {
    return this.guard(async () => {
      const located = await this.locate(target, { allowResolved: false });
      if (!located.ok) return located;
      const { incident, runbook } = located.value;
      const mitigation = runbook?.mitigations.find((m) => m.id === mitigationId);
      if (mitigation === undefined) {
        return refuse({
          code: 'unknown_mitigation',
          mitigationId,
          available: runbook?.mitigations.map((m) => m.id) ?? [],
        });
      }
      const [first] = await this.deps.incidents.listAlerts(incident.id, 1);
      const scope = incidentScope(incident, first, this.deps.urls);
      return this.deps.runner.start(incident, mitigation, user, scope);
    });
  }

  addNote(target: Target, text: string, user: string): Promise<ActionResult> {
    const tooLong = textTooLong('note', text);
    if (tooLong !== undefined) return Promise.resolve(refuse(tooLong));
    return this.simple(target, user, 'note', { text }, () => ({ type: 'add_note', actor: user, text }), {
      allowResolved: true,
    });
  }

  resolve(target: Target, user: string, resolution: Resolution | undefined): Promise<ActionResult> {
    const params: Record<string, string> =
      resolution === undefined
        ? {}
        : { cause: resolution.cause, summary: resolution.summary, customerImpact: resolution.customerImpact };
    return this.simple(target, user, 'resolve', params, () => ({
      type: 'resolve',
      actor: user,
      ...(resolution === undefined ? {} : { resolution }),
    }));
  }

  async declare(
    runbookId: string,
    severity: Severity | undefined,
    summary: string,
    user: string,
  ): Promise<ActionResult<Incident>> {
    const tooLong = textTooLong('summary', summary);
    if (tooLong !== undefined) return refuse(tooLong);
    return this.guard(async () => {
      const runbook = this.deps.registry.get(runbookId);
      if (runbook === undefined)
        return refuse({
          code: 'unknown_runbook',
          runbookId,
          available: this.deps.registry.all().map((r) => r.id),
        });
      const policy = {
        ...runbookPolicy(runbook, this.deps.registry.set.slo, undefined, this.deps.words),
        severity: severity ?? runbook.severity,
      };
      const incident = await this.deps.service.declare(policy, summary, user);
      await this.deps.audit.append(incident.id, {
        at: this.deps.clock.now(),
        actor: user,
        action: 'declare',
        params: { runbook: runbookId, severity: incident.severity, summary },
        outcome: 'ok',
      });
      return done(incident);
    });
  }

  /**
   * `/incident escalate` (the next step not yet fired, now) or a card's escalation button (that step).
   * Firing is the domain's decision; delivery (pages, emails, messages) follows through the outbox.
   */
  async escalate(target: Target, user: string, stepId?: string): Promise<ActionResult<EscalationStep>> {
    return this.guard(async () => {
      const located = await this.locate(target, { allowResolved: false });
      if (!located.ok) return located;
      const { incident } = located.value;
      const step =
        stepId === undefined
          ? nextStepToForce(incident)
          : incident.policy.escalation.find((s) => s.id === stepId);
      if (step === undefined) return refuse(noStepToForce(incident));
      const result = await this.deps.service.execute(
        incident.id,
        { type: 'fire_escalation', actor: user, stepId: step.id, generation: incident.generation },
        incident,
      );
      await this.audit(incident.id, user, 'escalate', { step: step.id }, result);
      if (result.outcome === 'rejected') return refuse(refusalFor(incident, result.rejection));
      if (result.outcome === 'unchanged') return refuse(alreadyEscalated(result.incident, step));
      return done(step);
    });
  }

  private async simple(
    target: Target,
    user: string,
    action: string,
    params: Record<string, string>,
    command: () => Parameters<IncidentService['execute']>[1],
    options = { allowResolved: false },
  ): Promise<ActionResult> {
    return this.guard(async () => {
      const located = await this.locate(target, options);
      if (!located.ok) return located;
      const { incident } = located.value;
      const result = await this.deps.service.execute(incident.id, command(), incident);
      await this.audit(incident.id, user, action, params, result);
      if (result.outcome === 'rejected') return refuse(refusalFor(incident, result.rejection));
      return done(undefined);
    });
  }

  private async locate(target: Target, options: { allowResolved: boolean }): Promise<ActionResult<Located>> {
    const incident = await this.deps.incidents.get(target.incidentId);
    if (incident === null) return refuse({ code: 'unknown_incident', incidentId: target.incidentId });
    // "Resolved" explains more than "out of date" when both hold (resolution bumps the generation).
    if (!options.allowResolved && incident.status === 'resolved') {
      return refuse({ code: 'resolved', incidentId: incident.id });
    }
    if (target.generation !== undefined && target.generation !== incident.generation) {
      return refuse({ code: 'stale_card', incidentId: incident.id });
    }
    const runbookId = incident.policy.runbookId;
    return done({ incident, runbook: runbookId === null ? undefined : this.deps.registry.get(runbookId) });
  }

  private async audit(
    incidentId: string,
    user: string,
    action: string,
    params: Record<string, string>,
    result: CommandResult,
  ): Promise<void> {
    const outcome = result.outcome === 'rejected' ? `refused:${result.rejection.code}` : result.outcome;
    await this.deps.audit.append(incidentId, {
      at: this.deps.clock.now(),
      actor: user,
      action,
      params,
      outcome,
    });
  }

  /** Storage down is an answer too: the person is told, nothing is half-done. */
  private async guard<T>(work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof StoreUnavailableError) return refuse({ code: 'store_unavailable' });
      throw error;
    }
  }
}
