import { sortedAlerts } from '../../src/incidents/alert-merge';
import { openIncident, transition } from '../../src/incidents/transition';
import type {
  AlertGroup,
  AlertRecord,
  Incident,
  IncidentPolicy,
  Transition,
} from '../../src/incidents/types';

export const policy = (overrides: Partial<IncidentPolicy> = {}): IncidentPolicy => ({
  runbookId: 'api.5xx',
  title: 'Hausse des erreurs HTTP 5xx',
  severity: 'SEV2',
  channels: ['#sre-alerts'],
  autoResolve: true,
  reopenWindowMs: 30 * 60_000,
  itemLabel: 'path',
  escalation: [],
  ...overrides,
});

export const alert = (
  fingerprint: string,
  overrides: Partial<AlertRecord> & { path?: string } = {},
): AlertRecord => {
  const { path = `/api/v1/${fingerprint}`, ...rest } = overrides;
  return {
    fingerprint,
    status: 'firing',
    startsAt: '2026-11-27T00:43:22.800497449Z',
    endsAt: undefined,
    labels: { alertname: 'ApiHttp5xxErrors', runbook: 'api.5xx', service: 'backend-api', env: 'prod', path },
    annotations: { summary: `Hausse des erreurs 5xx sur ${path}` },
    generatorURL: 'http://prometheus.jmd.example:9090/graph',
    ...rest,
  };
};

export const group = (alerts: AlertRecord[], overrides: Partial<AlertGroup> = {}): AlertGroup => ({
  key: 'api.5xx|env=prod,service=backend-api',
  policy: policy(),
  groupLabels: { runbook: 'api.5xx', service: 'backend-api' },
  alerts,
  truncatedAlerts: 0,
  externalURL: 'http://alertmanager.jmd.example:9093',
  ...overrides,
});

export class FakeClock {
  constructor(public current = Date.parse('2026-11-27T00:43:30Z')) {}
  now = (): number => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * The alerts stored beside incidents, for unit tests of the pure domain (the stores keep them in
 * production): `openWith` records an opening's alerts, `receive` runs a delivery against what is
 * recorded for that incident id and records what it changed.
 */
const alertBook = new Map<string, Map<string, AlertRecord>>();

export function openWith(
  delivery: AlertGroup,
  id = 'INC-1',
  now = Date.parse('2026-11-27T00:43:30Z'),
): Incident {
  const opened = openIncident(delivery, id, now);
  if (opened === null) throw new Error('expected an incident (nothing firing in the delivery)');
  alertBook.set(id, new Map(opened.alerts.map((a) => [a.fingerprint, a])));
  return opened.incident;
}

export function receive(incident: Incident, delivery: AlertGroup, now: number): Transition {
  const held = alertBook.get(incident.id) ?? new Map<string, AlertRecord>();
  const result = transition(incident, { type: 'receive_alerts', group: delivery, known: held }, now);
  if (result.outcome === 'changed') {
    const next = new Map(held);
    for (const a of result.alerts ?? []) next.set(a.fingerprint, a);
    alertBook.set(incident.id, next);
  }
  return result;
}

/** The alerts recorded for an incident, in card order. */
export const storedAlerts = (incident: Incident): AlertRecord[] =>
  sortedAlerts([...(alertBook.get(incident.id)?.values() ?? [])], incident.policy.itemLabel);
