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
import type { z } from 'zod';
import { tallyAlert, emptyTally } from '../incidents/alert-tally';
import {
  INCIDENT_LAYOUT,
  alertRecord,
  header,
  headerWithPolicy,
  impact,
  legacy,
  policy,
} from './incident-schemas';
import type { ImpactRecord } from '../incidents/error-budget';
import type { AlertRecord, AlertState, Incident, IncidentPolicy } from '../incidents/types';

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

/** Told when a stored document cannot be read (it is skipped, never a crash). */
export type UnreadableReporter = (error: UnreadableDocumentError) => void;

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
  // Rest destructuring, not a spread then `delete` (a slow dictionary-mode object): ~24 → ~14 µs a save.
  const { policy, ...stored } = incident;
  return JSON.stringify({ layout: INCIDENT_LAYOUT, ...stored, policyRef });
}

export type ReadIncident =
  /** `stored`: all but the policy, which `policyRef` names (the caller adds it from the policies). */
  | { layout: 3; stored: Omit<Incident, 'policy'>; policyRef: string }
  | { layout: 2; incident: Incident }
  | { layout: 1; incident: Incident; alerts: AlertRecord[] };

function withoutLayout<T extends { layout?: unknown }>(value: T): Omit<T, 'layout'> {
  // One copy by rest destructuring: a spread then `delete` left a slow dictionary-mode object, read
  // ~10 µs slower per incident (a restart's reconciler reads every open incident; layout3 likewise).
  const { layout, ...rest } = value;
  return rest;
}

/** A layout-3 document's fields apart from its layout and its policy's reference, in one copy. */
function layout3(value: StoredIncident & { layout?: unknown }): ReadIncident {
  const { layout, policyRef, ...stored } = value;
  return { layout: 3, stored, policyRef };
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
    return layout3(current.data as StoredIncident);
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

export function readImpactRecord(text: string, what: string): ImpactRecord {
  const parsed = impact.safeParse(json(text, what));
  if (!parsed.success) throw new UnreadableDocumentError(what, problems(parsed.error));
  return { ...parsed.data, ongoingSince: parsed.data.ongoingSince };
}

/** A layout-3 or layout-2 document already checked (the same text was checked or written before): parsed only. */
export function trustedIncidentDocument(text: string): ReadIncident {
  const value = JSON.parse(text) as (StoredIncident | Incident) & { layout: number };
  return value.layout === INCIDENT_LAYOUT
    ? layout3(value as StoredIncident)
    : { layout: 2, incident: withoutLayout(value) as Incident };
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
