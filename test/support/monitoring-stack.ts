import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort } from './redis-server';

export interface MonitoringStack {
  prometheusUrl: string;
  alertmanagerUrl: string;
  stop(): Promise<void>;
}

async function waitReady(
  url: string,
  what: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited:\n${output()}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`${what} not ready after 30 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function run(binary: string, args: string[]): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  child.once(
    'error',
    (e) =>
      (output += `cannot start ${binary} (apt-get install -y prometheus prometheus-alertmanager): ${e.message}`),
  );
  return { child, output: () => output };
}

/**
 * Real Prometheus and Alertmanager (Debian packages) on loopback: Prometheus scrapes `targets` every
 * second with `rules`, Alertmanager uses the shipped deploy/alertmanager/alertmanager.yml, pointed at
 * `vigieAlertsUrl` with `token`, and waits one second to group.
 */
export async function startMonitoringStack(options: {
  targets: string[];
  rules: string;
  vigieAlertsUrl: string;
  token: string;
}): Promise<MonitoringStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigie-monitoring-'));
  const [promPort, amPort] = [await freePort(), await freePort()];

  const shipped = parse(
    await readFile(path.join(__dirname, '../../deploy/alertmanager/alertmanager.yml'), 'utf8'),
  ) as {
    route: Record<string, unknown>;
    receivers: Array<{
      webhook_configs?: Array<{ url: string; http_config: { authorization: { credentials_file: string } } }>;
    }>;
  };
  shipped.route = { ...shipped.route, group_wait: '1s', group_interval: '1s', repeat_interval: '1h' };
  for (const receiver of shipped.receivers) {
    // Vigie's own receiver (the watch route mails the NOC: never reached in these tests).
    for (const hook of receiver.webhook_configs ?? []) {
      hook.url = options.vigieAlertsUrl;
      hook.http_config.authorization.credentials_file = path.join(dir, 'vigie-token');
    }
  }
  await writeFile(path.join(dir, 'vigie-token'), options.token);
  await writeFile(path.join(dir, 'alertmanager.yml'), stringify(shipped));
  await writeFile(path.join(dir, 'rules.yml'), options.rules);
  await writeFile(
    path.join(dir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [path.join(dir, 'rules.yml')],
      alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
      scrape_configs: [{ job_name: 'jmd-backend', static_configs: [{ targets: options.targets }] }],
    }),
  );

  const am = run('prometheus-alertmanager', [
    `--config.file=${path.join(dir, 'alertmanager.yml')}`,
    `--storage.path=${path.join(dir, 'am-data')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    '--cluster.listen-address=',
  ]);
  const prom = run('prometheus', [
    `--config.file=${path.join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${path.join(dir, 'prom-data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
  ]);
  const stop = async () => {
    for (const child of [prom.child, am.child]) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  };
  try {
    await waitReady(`http://127.0.0.1:${amPort}/-/ready`, 'alertmanager', am.child, am.output);
    await waitReady(`http://127.0.0.1:${promPort}/-/ready`, 'prometheus', prom.child, prom.output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    prometheusUrl: `http://127.0.0.1:${promPort}`,
    alertmanagerUrl: `http://127.0.0.1:${amPort}`,
    stop,
  };
}
