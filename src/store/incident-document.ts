import { z } from 'zod';
import { triggerCheck, verification, verifyTiming } from './verification-document';
import { tallyAlert, emptyTally } from '../incidents/alert-tally';
import type { ImpactRecord } from '../incidents/error-budget';
import type { AlertRecord, AlertState, Incident, IncidentPolicy } from '../incidents/types';
import { DELIVERY_OUTCOMES, DELIVERY_REASONS, TIMELINE_KINDS } from '../incidents/types';

/**
 * The stored forms of an incident and its alerts, checked when read back: a document another version
 * wrote, or a hand edit, is reported as unreadable instead of reaching the domain half-formed.
 *
 * Layout 3 (this one): the incident document is a small header (`layout: 3`, `alertTally`) naming its
 * policy by reference (`policyRef`, a digest of the policy's JSON); the policies are stored once each
 * (they are the same for every incident a runbook version opens, and were half of every document).
 * Each alert is stored beside the header. Layout 2 (2026-11-30): the same header with the policy
 * inside; read as it is, written in layout 3 at its next save. Layout 1 (before): one document held
 * every alert (`alerts`); converted when read and written back.
 */
export const INCIDENT_LAYOUT = 3;

const severity = z.enum(['SEV1', 'SEV2', 'warning']);
const strings = z.record(z.string(), z.string());
const check = z.object({ by: z.string(), at: z.number() });
const window = z.object({ start: z.number(), end: z.number() });

const alertRecord = z.object({
  fingerprint: z.string(),
  status: z.enum(['firing', 'resolved']),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  labels: strings,
  annotations: strings,
  generatorURL: z.string().optional(),
  receivedAt: z.number().optional(),
});

const trigger = z.union([
  z.object({ kind: z.literal('after'), afterMs: z.number() }),
  z.object({
    kind: z.literal('opened'),
    delayMs: z.number().optional(),
    alertsAtLeast: z.number().optional(),
    onReopen: z.boolean(),
  }),
  z.object({ kind: z.literal('button'), label: z.string() }),
  z.object({
    kind: z.literal('conditions'),
    openLongerThanMs: z.number().optional(),
    affectedAtLeast: z.number().optional(),
    slaThreatened: z.boolean(),
  }),
]);

const channel = z.enum(['pagerduty', 'email', 'slack', 'slack_dm']);
const flags = z.object({
  postmortemRequired: z.boolean(),
  customerInformationRequired: z.boolean(),
  incidentReportRequired: z.boolean(),
  rtoBreached: z.boolean(),
});

const step = z.object({
  id: z.string(),
  description: z.string(),
  trigger,
  unless: z.array(z.enum(['resolved', 'acknowledged'])),
  notify: z.array(z.string()),
  via: z.array(channel),
  routes: z.partialRecord(channel, z.array(z.string())).optional(),
  sets: flags.partial().extend({ severity: severity.optional() }),
});

const policy = z.object({
  runbookId: z.string().nullable(),
  title: z.string(),
  severity,
  channels: z.array(z.string()),
  autoResolve: z.boolean(),
  reopenWindowMs: z.number(),
  itemLabel: z.string().optional(),
  cardsPerMinute: z.number().int().min(1).optional(),
  consumesBudget: z.boolean().optional(),
  trigger: triggerCheck.optional(),
  verify: z.record(z.string(), verifyTiming).optional(),
  startLookbackMs: z.number().optional(),
  escalation: z.array(step),
});

/** A layout-2 document: the header with its policy inside. */
const headerWithPolicy = z.object({
  layout: z.literal(2),
  id: z.string(),
  key: z.string(),
  policy,
  severity,
  status: z.enum(['open', 'acknowledged', 'resolved']),
  version: z.number(),
  generation: z.number(),
  openedAt: z.number(),
  updatedAt: z.number(),
  acknowledgedAt: z.number().optional(),
  acknowledgedBy: z.string().optional(),
  resolvedAt: z.number().optional(),
  resolvedBy: z.string().optional(),
  groupLabels: strings,
  alertTally: z.object({
    firing: z.number(),
    resolved: z.number(),
    firstStartsAt: z.number().optional(),
    firingSince: z.number().optional(),
    closedWindows: z.array(window),
    names: z.array(z.string()),
  }),
  truncatedAlerts: z.number(),
  externalURL: z.string().optional(),
  timeline: z.array(
    z.object({
      seq: z.number(),
      at: z.number(),
      actor: z.string(),
      kind: z.enum(TIMELINE_KINDS),
      details: z.array(z.string()),
    }),
  ),
  timelineDropped: z.number(),
  triage: z.record(z.string(), check),
  mitigations: z.record(
    z.string(),
    z.array(
      z.object({
        number: z.number(),
        status: z.enum(['running', 'succeeded', 'failed', 'dry_run']),
        by: z.string(),
        startedAt: z.number(),
        finishedAt: z.number().optional(),
        httpStatus: z.number().optional(),
        durationMs: z.number().optional(),
        message: z.string().optional(),
        reason: z
          .discriminatedUnion('code', [
            z.object({ code: z.literal('ops_not_configured') }),
            z.object({ code: z.literal('timeout'), ms: z.number() }),
            z.object({ code: z.literal('connection_refused') }),
            z.object({ code: z.literal('request_failed'), detail: z.string() }),
            z.object({ code: z.literal('unsafe_path'), variable: z.string(), value: z.string() }),
            z.object({ code: z.literal('interrupted') }),
          ])
          .optional(),
        unknown: z.boolean().optional(),
        keyRun: z.number().optional(),
      }),
    ),
  ),
  summary: z.string().optional(),
  resolution: z
    .object({
      cause: z.string(),
      summary: z.string(),
      customerImpact: z.string(),
      impact: window.optional(),
    })
    .optional(),
  phaseStartedAt: z.number(),
  escalations: z.array(
    z.object({
      stepId: z.string(),
      generation: z.number(),
      firedAt: z.number(),
      by: z.string(),
      deliveries: z
        .array(
          z.object({
            channel,
            target: z.string(),
            outcome: z.enum(DELIVERY_OUTCOMES),
            reason: z.enum(DELIVERY_REASONS).optional(),
            attempts: z.number().int().optional(),
            detail: z.string(),
            item: z.string().optional(),
          }),
        )
        .optional(),
    }),
  ),
  flags,
  followups: z.record(z.string(), check),
  verifications: z.array(verification).optional(),
});

/** A layout-3 document: the header naming its policy. */
const header = headerWithPolicy
  .omit({ layout: true, policy: true })
  .extend({ layout: z.literal(INCIDENT_LAYOUT), policyRef: z.string().min(1) });

/** A layout-1 document: the header fields, every alert inside, no tally. */
const legacy = headerWithPolicy
  .omit({ layout: true, alertTally: true })
  .extend({ alerts: z.record(z.string(), alertRecord) });

/** Why a stored document could not be read: what to look at, for the log and the metric. */
export class UnreadableDocumentError extends Error {
  constructor(
    readonly what: string,
    readonly reason: string,
  ) {
    super(`${what} is unreadable: ${reason}`);
    this.name = 'UnreadableDocumentError';
  }
}

/** The first few things wrong with a stored document, for the log. */
export function problems(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Parses stored JSON; broken JSON is an unreadable document, not a crash. */
export function json(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UnreadableDocumentError(what, (error as Error).message);
  }
}

/** An incident as layout 3 stores it: all but its policy, which it names (`policyRef`). */
export type StoredIncident = Omit<Incident, 'policy'> & { policyRef: string };

/** The layout-3 document of an incident whose policy is stored under `policyRef`. */
export function incidentDocument(incident: Incident, policyRef: string): string {
  const stored: Partial<Incident> & { policyRef: string } = { ...incident, policyRef };
  delete stored.policy;
  return JSON.stringify({ layout: INCIDENT_LAYOUT, ...stored });
}

export type ReadIncident =
  | { layout: 3; stored: StoredIncident }
  | { layout: 2; incident: Incident }
  | { layout: 1; incident: Incident; alerts: AlertRecord[] };

function withoutLayout<T extends { layout?: unknown }>(value: T): Omit<T, 'layout'> {
  const copy: Partial<T> = { ...value };
  delete copy.layout;
  return copy as Omit<T, 'layout'>;
}

/**
 * Reads a stored incident document: layout 3 names its policy, layout 2 holds it, layout 1 comes back
 * converted with the alerts it held (to be stored beside it). Anything else throws
 * UnreadableDocumentError.
 */
export function readIncidentDocument(text: string, what: string): ReadIncident {
  const value = json(text, what);
  const layout = typeof value === 'object' && value !== null && 'layout' in value ? value.layout : 1;
  if (layout === INCIDENT_LAYOUT) {
    const current = header.safeParse(value);
    if (!current.success) throw new UnreadableDocumentError(what, problems(current.error));
    return { layout: 3, stored: withoutLayout(current.data) as StoredIncident };
  }
  if (layout === 2) {
    const previous = headerWithPolicy.safeParse(value);
    if (!previous.success) throw new UnreadableDocumentError(what, problems(previous.error));
    return { layout: 2, incident: withoutLayout(previous.data) as Incident };
  }
  const old = legacy.safeParse(value);
  if (!old.success) throw new UnreadableDocumentError(what, problems(old.error));
  const { alerts: held, ...rest } = old.data;
  const alerts = Object.values(held) as AlertRecord[];
  let alertTally = emptyTally();
  for (const alert of alerts)
    alertTally = tallyAlert(alertTally, undefined, alert, alert.receivedAt ?? rest.updatedAt);
  return { layout: 1, incident: { ...(rest as Omit<Incident, 'alertTally'>), alertTally }, alerts };
}

/** A stored policy (layout 3), checked. */
export function readPolicy(text: string, what: string): IncidentPolicy {
  const parsed = policy.safeParse(json(text, what));
  if (!parsed.success) throw new UnreadableDocumentError(what, problems(parsed.error));
  return parsed.data as IncidentPolicy;
}

const impact = z.object({
  incidentId: z.string(),
  runbookId: z.string().nullable(),
  consumes: z.boolean().optional(),
  windows: z.array(window),
  ongoingSince: z.number().optional(),
});

export function readImpactRecord(text: string, what: string): ImpactRecord {
  const parsed = impact.safeParse(json(text, what));
  if (!parsed.success) throw new UnreadableDocumentError(what, problems(parsed.error));
  return { ...parsed.data, ongoingSince: parsed.data.ongoingSince };
}

/** A layout-3 or layout-2 document already checked (the same text was checked or written before): parsed only. */
export function trustedIncidentDocument(text: string): ReadIncident {
  const value = JSON.parse(text) as (StoredIncident | Incident) & { layout: number };
  const { layout } = value;
  const read = withoutLayout(value);
  return layout === INCIDENT_LAYOUT
    ? { layout: 3, stored: read as StoredIncident }
    : { layout: 2, incident: read as Incident };
}

export function readAlertRecord(text: string, what: string): AlertRecord {
  const parsed = alertRecord.safeParse(json(text, what));
  if (!parsed.success) throw new UnreadableDocumentError(what, problems(parsed.error));
  return parsed.data as AlertRecord;
}

/**
 * An alert's state, stored compactly as [status, startsAt, endsAt, receivedAt, order member] (read for
 * every alert of a delivery; the member tells the save script where the alert stood in the card order).
 */
export function alertStateValue(alert: AlertRecord, orderMember: string): string {
  return JSON.stringify([
    alert.status,
    alert.startsAt,
    alert.endsAt ?? null,
    alert.receivedAt ?? null,
    orderMember,
  ]);
}

export function readAlertState(text: string, what: string): AlertState {
  const value = json(text, what);
  if (!Array.isArray(value) || value.length !== 5)
    throw new UnreadableDocumentError(
      what,
      'not an alert state [status, startsAt, endsAt, receivedAt, member]',
    );
  const [status, startsAt, endsAt, receivedAt] = value as unknown[];
  if (
    (status === 'firing' || status === 'resolved') &&
    typeof startsAt === 'string' &&
    (endsAt === null || typeof endsAt === 'string') &&
    (receivedAt === null || typeof receivedAt === 'number')
  ) {
    return { status, startsAt, endsAt: endsAt ?? undefined, receivedAt: receivedAt ?? undefined };
  }
  throw new UnreadableDocumentError(what, 'not an alert state [status, startsAt, endsAt, receivedAt]');
}
