import type { AlertRecord, AlertState } from './types';

export type AlertChange = 'new_firing' | 'new_resolved' | 'refired' | 'resolved' | 'duplicate' | 'stale';

/**
 * A firing copy of an alert, with the startsAt of its resolution, that arrives this long after Vigie
 * received the resolution is the alert firing again, not a late copy of the old firing. Late copies
 * (Alertmanager HA peers, network retries) come within seconds of each other.
 */
export const REFIRE_AFTER_MS = 60_000;

/**
 * How one incoming alert changes what we know. Alertmanager delivers at least once and out of order,
 * so the identity is (fingerprint, startsAt, status): the same triple again is a duplicate; a later
 * startsAt is a new occurrence. For one startsAt, a resolution is final against late copies of the
 * firing that preceded it; but Alertmanager keeps an alert's startsAt when Prometheus pushes it again
 * after it resolved (the alert was still in its memory), so a firing copy received more than
 * REFIRE_AFTER_MS after the resolution, or whose endsAt is later than the resolution's, fires again.
 */
export function classifyAlert(
  known: AlertState | undefined,
  incoming: AlertRecord,
  now: number,
): AlertChange {
  if (known === undefined) return incoming.status === 'firing' ? 'new_firing' : 'new_resolved';
  if (known.startsAt === incoming.startsAt) {
    if (known.status === incoming.status) return 'duplicate';
    if (incoming.status === 'resolved') return 'resolved';
    return firesAgain(known, incoming, now) ? 'refired' : 'stale';
  }
  const knownStart = Date.parse(known.startsAt);
  const incomingStart = Date.parse(incoming.startsAt);
  if (!(incomingStart > knownStart)) return 'stale';
  return incoming.status === 'firing' ? 'refired' : 'resolved';
}

function firesAgain(resolved: AlertState, firing: AlertRecord, now: number): boolean {
  const resolvedEnd = resolved.endsAt === undefined ? Number.NaN : Date.parse(resolved.endsAt);
  const firingEnd = firing.endsAt === undefined ? Number.NaN : Date.parse(firing.endsAt);
  if (firingEnd > resolvedEnd) return true;
  return resolved.receivedAt !== undefined && now - resolved.receivedAt >= REFIRE_AFTER_MS;
}

/**
 * The record of an alert as Vigie stores it, received at `receivedAt`. Built field by field: an object
 * spread with an extra field cost ~30 times more, once per alert of a storm (a field added to
 * AlertRecord is added here).
 */
export function receivedRecord(alert: AlertRecord, receivedAt: number): AlertRecord {
  return {
    fingerprint: alert.fingerprint,
    status: alert.status,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    labels: alert.labels,
    annotations: alert.annotations,
    generatorURL: alert.generatorURL,
    receivedAt,
  };
}

/** The word a person uses for this alert on a card: its item label (route, connector…) or its name. */
export function alertItem(alert: AlertRecord, itemLabel: string | undefined): string {
  const item = itemLabel === undefined ? undefined : alert.labels[itemLabel];
  return item ?? alert.labels.alertname ?? alert.fingerprint;
}

/**
 * Where an alert stands on the card: firing first (rank 0), then resolved (1); within a rank by item
 * name, then fingerprint, compared as bytes (the order a Redis sorted set keeps members of one score).
 */
export function cardOrder(
  alert: AlertRecord,
  itemLabel: string | undefined,
): { rank: number; member: string } {
  return {
    rank: alert.status === 'firing' ? 0 : 1,
    member: `${alertItem(alert, itemLabel)}\u0000${alert.fingerprint}`,
  };
}

/** Compares by code point, which is the byte order of their UTF-8 (UTF-16 units order astral characters apart). */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Card order for alerts held in memory (the memory store, tests). */
export function sortedAlerts(alerts: AlertRecord[], itemLabel: string | undefined): AlertRecord[] {
  const keyed = alerts.map((alert) => ({ alert, order: cardOrder(alert, itemLabel) }));
  keyed.sort((a, b) => a.order.rank - b.order.rank || compareCodePoints(a.order.member, b.order.member));
  return keyed.map((k) => k.alert);
}
