import type { AlertGroup, AlertRecord, IncidentPolicy } from '../../src/incidents/types';

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
