import { z } from 'zod';
import { triggerCheck, verification, verifyTiming } from './verification-document';
import { tallyAlert, emptyTally } from '../incidents/alert-tally';
import type { ImpactRecord } from '../incidents/error-budget';
import type { AlertRecord, AlertState, Incident } from '../incidents/types';
import { DELIVERY_OUTCOMES, DELIVERY_REASONS, TIMELINE_KINDS } from '../incidents/types';

/**
 * The stored forms of an incident and its alerts, checked when read back: a document another version
 * wrote, or a hand edit, is reported as unreadable instead of reaching the domain half-formed.
 *
 * Layout 2 (this one): the incident document is a small header (`layout: 2`, `alertTally`); each alert
 * is stored beside it. Layout 1 (before 2026-11-30): one document held every alert (`alerts`); such a
 * document is converted when read (`fromLegacy`) and written back in layout 2.
 */
export const INCIDENT_LAYOUT = 2;

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

const header = z.object({
  layout: z.literal(INCIDENT_LAYOUT),
  id: z.string(),
  key: z.string(),
  policy: z.object({
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
  }),
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

/** A layout-1 document: the header fields, every alert inside, no tally. */
const legacy = header
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

export function incidentDocument(incident: Incident): string {
  return JSON.stringify({ layout: INCIDENT_LAYOUT, ...incident });
}

export type ReadIncident =
  { layout: 2; incident: Incident } | { layout: 1; incident: Incident; alerts: AlertRecord[] };

/**
 * Reads a stored incident document. A layout-1 document comes back converted, with the alerts it held
 * (to be stored beside it); anything else unreadable throws UnreadableDocumentError.
 */
export function readIncidentDocument(text: string, what: string): ReadIncident {
  const value = json(text, what);
  const current = header.safeParse(value);
  if (current.success) {
    const incident: Partial<typeof current.data> = { ...current.data };
    delete incident.layout;
    return { layout: 2, incident: incident as Incident };
  }
  const old = legacy.safeParse(value);
  if (old.success) {
    const { alerts: held, ...rest } = old.data;
    const alerts = Object.values(held) as AlertRecord[];
    let alertTally = emptyTally();
    for (const alert of alerts)
      alertTally = tallyAlert(alertTally, undefined, alert, alert.receivedAt ?? rest.updatedAt);
    return { layout: 1, incident: { ...(rest as Omit<Incident, 'alertTally'>), alertTally }, alerts };
  }
  throw new UnreadableDocumentError(what, problems(current.error));
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

/** A layout-2 document already checked (the same text was checked or written before): parsed only. */
export function trustedIncidentDocument(text: string): Incident {
  const incident = JSON.parse(text) as Incident & { layout?: number };
  delete incident.layout;
  return incident;
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
