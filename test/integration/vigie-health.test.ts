import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Runs a Prometheus tool (Debian packages `prometheus`, `prometheus-alertmanager`) from the repository root. */
function tool(binary: string, args: string[]): { status: number | null; output: string } {
  const run = spawnSync(binary, args, { cwd: ROOT, encoding: 'utf8' });
  if (run.error !== undefined)
    throw new Error(`cannot run ${binary} (apt-get install -y prometheus prometheus-alertmanager)`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The receiver Alertmanager's shipped configuration picks for an alert with these labels. */
const receiverFor = (labels: string[]) =>
  tool('amtool', [
    'config',
    'routes',
    'test',
    '--config.file=deploy/alertmanager/alertmanager.yml',
    ...labels,
  ]).output.split('\n')[0];

describe("Vigie's own health alerts (who watches the watcher)", () => {
  it('fire on the trouble each names, after its `for`, and stay quiet when all is well (promtool test rules)', () => {
    const run = tool('promtool', ['test', 'rules', 'deploy/prometheus/vigie-health.test.yml']);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('go around Vigie, by email to the NOC; the runbooks’ alerts still go to Vigie', () => {
    expect(receiverFor(['alertname=VigieAlertsRefused', 'watch=vigie'])).toBe('vigie-watch');
    expect(receiverFor(['alertname=ApiHttp5xxErrors', 'runbook=api.5xx', 'service=backend-api'])).toBe(
      'vigie',
    );
    const am = parse(read('deploy/alertmanager/alertmanager.yml')) as {
      receivers: Array<{ name: string; email_configs?: Array<{ to: string }>; webhook_configs?: unknown[] }>;
    };
    const watch = am.receivers.find((r) => r.name === 'vigie-watch');
    expect(watch?.webhook_configs).toBeUndefined();
    expect(watch?.email_configs?.[0]?.to).toBe('noc@jmd.example');
  });

  it('are loaded by the shipped Prometheus, which scrapes Alertmanager for its failed deliveries', () => {
    const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: Array<{ job_name: string }>;
    };
    expect(prometheus.rule_files).toContain('/etc/prometheus/vigie-health.yml');
    expect(prometheus.scrape_configs.map((s) => s.job_name)).toEqual(
      expect.arrayContaining(['vigie', 'alertmanager']),
    );
    expect(read('docker-compose.yml')).toContain(
      './deploy/prometheus/vigie-health.yml:/etc/prometheus/vigie-health.yml:ro',
    );
    // Every alert of the file carries the label its route matches.
    const rules = parse(read('deploy/prometheus/vigie-health.yml')) as {
      groups: Array<{ rules: Array<{ alert: string; labels: { watch?: string } }> }>;
    };
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.map((r) => r.alert)).toEqual([
      'VigieDown',
      'VigieAlertsRefused',
      'VigieStoreUnavailable',
      'VigieEscalationTimersOverdue',
    ]);
    for (const rule of alerts) expect(rule.labels.watch).toBe('vigie');
  });
});
