import type { Clock, IncidentRepository } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { OpsClientOptions } from '../integrations/ops/ops-client';
import { OpsClient } from '../integrations/ops/ops-client';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { PolicyWords } from '../runbooks/incident-policy';
import type { RunbookRegistry } from '../runbooks/registry';
import type { RunbookSet } from '../runbooks/loader';
import type { AuditLog } from '../store/store';
import { MitigationRunner } from './mitigation-runner';
import type { MembershipDirectory } from './permissions';
import { Permissions } from './permissions';
import { ResponderActions } from './responder-actions';

export interface RespondersSetup {
  service: IncidentService;
  incidents: IncidentRepository;
  registry: RunbookRegistry;
  runbooks: RunbookSet;
  audit: AuditLog;
  ops: OpsClientOptions;
  /** Who belongs to the runbook's roles (Slack user groups): mitigations are theirs alone. */
  memberships: MembershipDirectory;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Vigie's own words in the policy a declared incident freezes. */
  words: PolicyWords;
}

/** What responders can do from Slack (acknowledge, triage, mitigate…), with the mitigations' runner. */
export function createResponders(setup: RespondersSetup): ResponderActions {
  const { service, audit, clock } = setup;
  const runner = new MitigationRunner({
    service,
    ops: new OpsClient(setup.ops),
    permissions: new Permissions(setup.runbooks.contacts, setup.memberships, clock),
    audit,
    clock,
    logger: setup.logger.child({ component: 'mitigations' }),
    onOutcome: (_incident, mitigation, outcome) =>
      setup.metrics.mitigations.inc({ mitigation, outcome: outcome.status }),
  });
  return new ResponderActions({
    service,
    incidents: setup.incidents,
    registry: setup.registry,
    runner,
    audit,
    clock,
    urls: setup.runbooks.platform.urls,
    words: setup.words,
  });
}
