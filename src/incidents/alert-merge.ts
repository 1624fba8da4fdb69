import type { AlertRecord } from './types';

export type AlertChange = 'new_firing' | 'new_resolved' | 'refired' | 'resolved' | 'duplicate' | 'stale';

/**
 * How one incoming alert changes what we know. Alertmanager delivers at least once and out of order,
 * so the identity is (fingerprint, startsAt, status): the same triple again is a duplicate; for one
 * startsAt, "resolved" is final; a later startsAt is a new occurrence of the alert.
 */
export function classifyAlert(known: AlertRecord | undefined, incoming: AlertRecord): AlertChange {
  if (known === undefined) return incoming.status === 'firing' ? 'new_firing' : 'new_resolved';
  if (known.startsAt === incoming.startsAt) {
    if (known.status === incoming.status) return 'duplicate';
    return incoming.status === 'resolved' ? 'resolved' : 'stale';
  }
  const knownStart = Date.parse(known.startsAt);
  const incomingStart = Date.parse(incoming.startsAt);
  if (!(incomingStart > knownStart)) return 'stale';
  return incoming.status === 'firing' ? 'refired' : 'resolved';
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
