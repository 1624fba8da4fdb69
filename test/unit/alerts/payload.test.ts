import { readWebhookPayload } from '../../../src/alerts/payload';
import { fixture } from '../../support/harness';

const body = () => JSON.parse(fixture('api-5xx-firing-two-routes')) as { alerts: unknown[] };

describe('readWebhookPayload', () => {
  it('reads a real Alertmanager body as sent (a firing alert’s zero endsAt included)', async () => {
    const result = await readWebhookPayload(body());
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.payload.alerts).toHaveLength(2);
    expect(result.payload.alerts[0]).toMatchObject({ status: 'firing', endsAt: '0001-01-01T00:00:00Z' });
  });

  it('names each wrong field by its path, and keeps nothing of a wrong body', async () => {
    const wrong = body();
    const [first, second] = wrong.alerts as Array<Record<string, unknown>>;
    wrong.alerts = [
      { ...first, startsAt: 'yesterday' },
      { ...second, labels: { ...(second?.labels as object), severity: 2 } },
      'not an alert',
      { ...first, status: 'pending', annotations: [], endsAt: 5 },
    ];
    const result = await readWebhookPayload(wrong);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual([
      'alerts.0.startsAt',
      'alerts.1.labels.severity',
      'alerts.2',
      'alerts.3.status',
      'alerts.3.annotations',
      'alerts.3.endsAt',
    ]);
  });
});
