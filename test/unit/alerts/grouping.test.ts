import { readFileSync } from 'node:fs';
import path from 'node:path';
import { groupAlerts } from '../../../src/alerts/grouping';
import type { WebhookPayload } from '../../../src/alerts/payload';
import { readWebhookPayload } from '../../../src/alerts/payload';
import { loadRunbooks } from '../../../src/runbooks/loader';
import { RunbookRegistry } from '../../../src/runbooks/registry';
import { messages } from '../../../src/i18n';

const words = messages('fr').policy;

async function payload(name: string): Promise<WebhookPayload> {
  const json: unknown = JSON.parse(
    readFileSync(path.join(__dirname, `../../fixtures/alertmanager/${name}.json`), 'utf8'),
  );
  const read = await readWebhookPayload(json);
  if (!read.ok) throw new Error(`fixture ${name}: ${JSON.stringify(read.issues)}`);
  return read.payload;
}

let registry: RunbookRegistry;
beforeAll(async () => {
  registry = new RunbookRegistry(await loadRunbooks(path.join(__dirname, '../../../runbooks')));
});

describe('groupAlerts', () => {
  it('puts both failing routes of one service on one incident, keyed by runbook + group_by labels', async () => {
    const groups = groupAlerts(await payload('api-5xx-firing-two-routes'), {
      registry,
      defaultChannel: '#sre-alerts',
      words,
    });
    expect(groups).toHaveLength(1);
    expect(groups[0]?.key).toBe('api.5xx|service=backend-api,env=prod');
    expect(groups[0]?.alerts.map((a) => a.labels.path)).toEqual([
      '/api/v1/notifications',
      '/api/v1/planning',
    ]);
    expect(groups[0]?.policy).toMatchObject({
      runbookId: 'api.5xx',
      channels: ['#sre-alerts'],
      itemLabel: 'path',
      severity: 'SEV2',
    });
  });

  it('reads Alertmanager zero time as "no end" and keeps a resolved endsAt', async () => {
    const firing = groupAlerts(await payload('api-5xx-firing-two-routes'), {
      registry,
      defaultChannel: '#x',
      words,
    });
    expect(firing[0]?.alerts[0]?.endsAt).toBeUndefined();
    const resolved = groupAlerts(await payload('api-5xx-all-resolved'), {
      registry,
      defaultChannel: '#x',
      words,
    });
    expect(resolved[0]?.alerts[0]?.endsAt).toBe('2026-11-27T00:43:38Z');
  });

  it('splits one delivery mixing runbooks and unmapped alerts into separate incidents', async () => {
    const mixed = await payload('api-5xx-firing-two-routes');
    mixed.alerts.push({
      ...mixed.alerts[0]!,
      fingerprint: 'zz',
      labels: { alertname: 'Other', service: 'x', severity: 'warning' },
    });
    const groups = groupAlerts(mixed, { registry, defaultChannel: '#ops', words });
    expect(groups.map((g) => g.key)).toEqual([
      'api.5xx|service=backend-api,env=prod',
      'unmapped|alertname=Other,service=x,env=',
    ]);
    expect(groups[1]?.policy).toMatchObject({ runbookId: null, channels: ['#ops'], severity: 'warning' });
  });

  it('titles an unmapped alert with neither summary nor name in the deployment’s language', async () => {
    const bare = await payload('api-5xx-firing-two-routes');
    bare.alerts = [{ ...bare.alerts[0]!, labels: { service: 'x' }, annotations: {} }];
    const title = (locale: 'fr' | 'en') =>
      groupAlerts(bare, { registry, defaultChannel: '#x', words: messages(locale).policy })[0]?.policy.title;
    expect([title('fr'), title('en')]).toEqual(['Alerte sans runbook', 'Alert with no runbook']);
  });

  it('maps by alert name when the runbook label is missing', async () => {
    const p = await payload('audit-job-failure-firing');
    delete p.alerts[0]!.labels.runbook;
    expect(groupAlerts(p, { registry, defaultChannel: '#x', words })[0]?.policy.runbookId).toBe(
      'audit.job.failure',
    );
  });
});
