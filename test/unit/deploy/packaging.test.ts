import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadRunbooks } from '../../../src/runbooks/loader';
import { prometheusRules } from '../../../src/runbooks/prometheus-rules';
import { runbookDocs } from '../../../src/runbooks/runbook-docs';

const ROOT = path.join(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const routes = read('src/app.ts') + read('src/http/routes.ts');

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('copies only paths that exist, and runs the built entry point as a non-root user', () => {
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)]
      .map((m) => (m[1] ?? '').trim().split(/\s+/).slice(0, -1))
      .flat();
    expect(copies.length).toBeGreaterThan(3);
    for (const source of copies) expect(existsSync(path.join(ROOT, source))).toBe(true);
    expect(dockerfile).toMatch(/^FROM node:20-slim AS build$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toContain('CMD ["node", "dist/main.js"]');
    expect(existsSync(path.join(ROOT, 'src/main.ts'))).toBe(true);
    expect(
      (JSON.parse(read('tsconfig.build.json')) as { compilerOptions: { rootDir: string; outDir: string } })
        .compilerOptions,
    ).toMatchObject({ rootDir: 'src', outDir: 'dist' });
  });

  it('checks health on /healthz, a route Vigie serves', () => {
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(routes).toContain("path: '/healthz'");
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as {
    services: Record<
      string,
      { build?: string; volumes?: string[]; command?: string[]; environment?: Record<string, string> }
    >;
  };

  it('mounts only files that exist and runs Redis with appendonly', () => {
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const host = volume.split(':')[0] ?? '';
        if (host.startsWith('./')) expect(existsSync(path.join(ROOT, host))).toBe(true);
      }
    }
    expect(compose.services.redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(compose.services.vigie?.build).toBe('.');
    expect(compose.services.vigie?.environment?.REDIS_URL).toBe('redis://redis:6379');
  });
});

describe('Kubernetes example', () => {
  const docs = parseAllDocuments(read('deploy/kubernetes/vigie.yaml')).map(
    (d) => d.toJS() as Record<string, unknown>,
  );

  it('runs two replicas with probes on routes Vigie serves, secrets from a Secret', () => {
    const deployment = docs.find((d) => d.kind === 'Deployment') as {
      spec: {
        replicas: number;
        strategy: { type: string };
        template: { spec: { containers: unknown[] } };
      };
    };
    expect(deployment.spec.replicas).toBe(2);
    // Two versions never share Redis: an older one cannot read what a newer one writes (README, Upgrading).
    expect(deployment.spec.strategy.type).toBe('Recreate');
    const container = deployment.spec.template.spec.containers[0] as {
      readinessProbe: { httpGet: { path: string } };
      livenessProbe: { httpGet: { path: string } };
      envFrom: Array<{ secretRef: { name: string } }>;
    };
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(routes).toContain("path: '/readyz'");
    expect(container.envFrom[0]?.secretRef.name).toBe('vigie');
    expect(docs.map((d) => d.kind)).toEqual(['Secret', 'Deployment', 'Service']);
  });
});

describe('Grafana dashboard', () => {
  it('queries only metrics Vigie exports, and covers MTTA, MTTR, open incidents, budget, breaches, mitigations', () => {
    const dashboard = JSON.parse(read('deploy/grafana/vigie-dashboard.json')) as {
      panels: Array<{ targets: Array<{ expr: string }> }>;
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    const used = new Set(
      exprs.flatMap((e) =>
        [...e.matchAll(/\b(vigie_[a-z_]+?)(?:_bucket|_count|_sum)?\b/g)].map((m) => m[1] ?? ''),
      ),
    );
    const exported = read('src/observability/metrics.ts');
    for (const metric of used) expect(exported).toContain(`name: '${metric}'`);
    for (const needed of [
      'vigie_incident_time_to_acknowledge_seconds',
      'vigie_incident_time_to_resolve_seconds',
      'vigie_incidents_open',
      'vigie_error_budget_remaining_ratio',
      'vigie_slo_breaches_total',
      'vigie_mitigation_actions_total',
      'vigie_mitigation_verdicts_total',
    ]) {
      expect(used).toContain(needed);
    }
  });
});

describe('monitoring configuration generated from the runbooks', () => {
  it('deploy/prometheus/rules.yml is exactly what `vigie runbooks rules` writes (regenerate it if this fails)', async () => {
    const set = await loadRunbooks(path.join(ROOT, 'runbooks'));
    expect(read('deploy/prometheus/rules.yml')).toBe(prometheusRules(set.runbooks));
    const rules = parse(read('deploy/prometheus/rules.yml')) as {
      groups: Array<{ rules: Array<{ alert: string; labels: { runbook: string } }> }>;
    };
    expect(rules.groups.flatMap((g) => g.rules.map((r) => r.alert)).sort()).toEqual([
      'ApiHttp5xxErrors',
      'ApiLatencyP95High',
      'AuditRetentionJobFailed',
      'CalendarExportsPending',
    ]);
  });

  it('docs/runbooks.md is exactly what `vigie runbooks docs` writes, in French, with every step', async () => {
    const set = await loadRunbooks(path.join(ROOT, 'runbooks'));
    const docs = read('docs/runbooks.md');
    expect(docs).toBe(runbookDocs(set));
    for (const runbook of set.runbooks) {
      for (const step of runbook.triage) expect(docs).toContain(step.label);
      for (const m of runbook.mitigations) expect(docs).toContain(m.description.replace(/\.$/, ''));
    }
    expect(docs).toContain('Disponibilité API (uptime) : 99,5 % mensuel.');
  });

  it('Alertmanager routes to /alerts with a bearer token, grouped as Vigie groups incidents', () => {
    const am = parse(read('deploy/alertmanager/alertmanager.yml')) as {
      route: { group_by: string[] };
      receivers: Array<{
        webhook_configs: Array<{
          url: string;
          send_resolved: boolean;
          http_config: { authorization: { type: string } };
        }>;
      }>;
    };
    const hook = am.receivers[0]?.webhook_configs[0];
    expect(new URL(hook?.url ?? '').pathname).toBe('/alerts');
    expect(hook?.send_resolved).toBe(true);
    expect(hook?.http_config.authorization.type).toBe('Bearer');
    expect(am.route.group_by).toEqual(['runbook', 'service', 'env']);
  });
});
