import type { AlertRecord } from './types';

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
  known: AlertRecord | undefined,
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

function firesAgain(resolved: AlertRecord, firing: AlertRecord, now: number): boolean {
  const resolvedEnd = resolved.endsAt === undefined ? Number.NaN : Date.parse(resolved.endsAt);
  const firingEnd = firing.endsAt === undefined ? Number.NaN : Date.parse(firing.endsAt);
  if (firingEnd > resolvedEnd) return true;
  return resolved.receivedAt !== undefined && now - resolved.receivedAt >= REFIRE_AFTER_MS;
}

/** The word a person uses for this alert on a card: its item label (route, connector…) or its name. */
export function alertItem(alert: AlertRecord, itemLabel: string | undefined): string {
  const item = itemLabel === undefined ? undefined : alert.labels[itemLabel];
  return item ?? alert.labels.alertname ?? alert.fingerprint;
}

export function firingAlerts(alerts: Record<string, AlertRecord>): AlertRecord[] {
  return Object.values(alerts).filter((a) => a.status === 'firing');
}

/** Firing first, then by item name: the order cards list alerts in, and whose first alert fills templates. */
export function sortedAlerts(
  alerts: Record<string, AlertRecord>,
  itemLabel: string | undefined,
): AlertRecord[] {
  const rank = (a: AlertRecord) => (a.status === 'firing' ? 0 : 1);
  const item = (a: AlertRecord) => alertItem(a, itemLabel);
  return Object.values(alerts).sort((a, b) => rank(a) - rank(b) || item(a).localeCompare(item(b)));
}
