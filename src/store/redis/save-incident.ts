import { randomUUID } from 'node:crypto';
import { cardOrder } from '../../incidents/alert-merge';
import { impactEnd, impactRecord } from '../../incidents/error-budget';
import type { DurableWork } from '../../incidents/ports';
import type { AlertRecord, Incident } from '../../incidents/types';
import { alertStateValue, incidentDocument } from '../incident-document';
import { gaugeField } from '../open-counts';
import { CARD_SYNC_QUEUE, shownOnCard } from '../store';
import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import { guarded } from './redis-client';
import { escapeLine } from './script-lines';
import type { RedisPolicies } from './redis-policies';
import type { AlertRow } from './staged-alerts';
import { dropStaged, stageAlerts, STAGE_FROM } from './staged-alerts';

/** Save script outcomes (see lua/save-incident.lua). */
const SAVED = 1;
const POLICY_MISSING = -3;

export interface SaveDeps {
  redis: VigieRedis;
  keys: RedisKeys;
  /** How long a resolved incident (with its alerts, audit log and card refs) is kept. */
  retentionMs: number;
  policies: RedisPolicies;
}

/**
 * Saves an incident against the version it was read at, with the alerts that changed and the durable
 * work the change implies, in one script (lua/save-incident.lua). Returns the document written, or
 * undefined when the version or the incident key was taken meanwhile.
 */
export async function saveIncident(
  deps: SaveDeps,
  incident: Incident,
  expected: { version: number; keyOwner?: string | null },
  work: DurableWork,
  alerts: AlertRecord[],
): Promise<string | undefined> {
  const id = incident.id;
  const rows = alerts.map((alert): AlertRow => {
    const { member } = cardOrder(alert, incident.policy.itemLabel);
    return {
      fingerprint: alert.fingerprint,
      state: alertStateValue(alert, member),
      record: JSON.stringify(alert),
      member,
      firing: alert.status === 'firing',
    };
  });
  // A new incident's many alerts are written first, under keys of their own (see stageAlerts).
  const staged = expected.version === 0 && rows.length >= STAGE_FROM;
  const staging = deps.keys.stagedAlerts(id, staged ? randomUUID() : 'none');
  const keys = [
    deps.keys.incident(id),
    deps.keys.incidentKey(incident.key),
    deps.keys.openIncidents(),
    deps.keys.queueDue(CARD_SYNC_QUEUE),
    deps.keys.incidentsByOpening(),
    deps.keys.audit(id),
    deps.keys.cards(id),
    deps.keys.openCounts(),
    deps.keys.alertStates(id),
    deps.keys.alertRecords(id),
    deps.keys.alertOrder(id),
    deps.keys.impacts(),
    deps.keys.impactsByEnd(),
    deps.keys.policies(),
    staging.states,
    staging.records,
    staging.order,
    deps.keys.queueUrgent(CARD_SYNC_QUEUE),
    ...work.schedule.map((w) => deps.keys.queueDue(w.queue)),
    ...work.cancel.map((w) => deps.keys.queueDue(w.queue)),
  ];
  const impact = impactRecord(incident);
  const end = impactEnd(impact);
  const params = {
    id,
    expected: expected.version,
    version: incident.version,
    keyOwner: expected.keyOwner === undefined ? '*' : (expected.keyOwner ?? ''),
    status: incident.status,
    openedAt: incident.openedAt,
    updatedAt: incident.updatedAt,
    retentionMs: deps.retentionMs,
    gauge: incident.status === 'resolved' ? '' : gaugeField(incident),
    shown: shownOnCard(incident),
    schedule: work.schedule.map((w) => [w.member, w.dueAt]),
    cancel: work.cancel.map((w) => w.member),
    fresh: expected.version === 0,
    impact: JSON.stringify(impact),
    impactEnd: Number.isFinite(end) ? end : '+inf',
    policyRef: '',
    staged,
  };
  const lines: string[] = [];
  if (staged) await stageAlerts(deps.redis, staging, rows);
  else
    for (const row of rows)
      lines.push(escapeLine(row.fingerprint), row.state, row.record, escapeLine(row.member));
  const policy = deps.policies.refOf(incident.policy);
  params.policyRef = policy.ref;
  const doc = incidentDocument(incident, policy.ref);
  // The alerts go as bytes: a string argument of tens of kilobytes cost ~3 times more to write (ioredis
  // joins a command's arguments into one string, which Node then flattens and encodes).
  const args = [JSON.stringify(params), doc, Buffer.from(lines.join('\n'))];
  // The policy goes along only until Redis is known to have it (most saves name it only).
  const send = (withPolicy: boolean) =>
    guarded('incident save', () =>
      deps.redis.vigieSaveIncident(keys.length, ...keys, ...args, withPolicy ? policy.text : ''),
    );
  let outcome = await send(!deps.policies.isStored(policy.ref));
  if (outcome === POLICY_MISSING) {
    deps.policies.forget(policy.ref);
    outcome = await send(true);
  }
  if (outcome === SAVED) {
    deps.policies.markStored(policy.ref, incident.policy);
    return doc;
  }
  if (staged) await dropStaged(deps.redis, staging);
  return undefined;
}
