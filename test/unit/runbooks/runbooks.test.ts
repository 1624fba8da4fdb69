import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { parseDuration } from '../../../src/runbooks/duration';
import { loadRunbooks } from '../../../src/runbooks/loader';
import { RunbookRegistry } from '../../../src/runbooks/registry';
import { renderLink } from '../../../src/runbooks/template';
import { problemsOf, runbooksWith } from '../../support/runbooks';

const RUNBOOKS = path.join(__dirname, '../../../runbooks');

async function copyOfRunbooks(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigie-runbooks-'));
  await cp(RUNBOOKS, dir, { recursive: true });
  return dir;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('the seed runbooks', () => {
  it('load and validate: four runbooks, contacts, SLO and platform', async () => {
    const set = await loadRunbooks(RUNBOOKS);
    expect(set.runbooks.map((r) => r.id).sort()).toEqual([
      'api.5xx',
      'api.latency',
      'audit.job.failure',
      'calendar.queue',
    ]);
    expect(set.slo.availability.objective).toBe(0.995);
    expect(set.slo.availability.budget).toBe(3.6 * 3_600_000);
    expect(set.slo.availability.projection_min_history).toBe(7 * 24 * 3_600_000);
    expect(set.slo.rpo.duration).toBe(24 * 3_600_000);
    expect(set.slo.rto.duration).toBe(4 * 3_600_000);
    for (const role of [
      'noc',
      'tech-lead',
      'oncall-backend',
      'backend-team',
      'devops',
      'integrations',
      'customer-support',
      'support-ops',
      'data-compliance',
      'dpo',
    ]) {
      expect(set.contacts.roles[role]).toBeDefined();
    }
  });

  it('encode every statement of the seed: triggers, channels, three triage steps, three mitigations, escalations', async () => {
    const registry = new RunbookRegistry(await loadRunbooks(RUNBOOKS));
    const api5xx = registry.get('api.5xx');
    expect(api5xx?.trigger.metric).toBe('api_request_errors_total');
    expect(api5xx?.channels).toMatchObject({
      slack: ['#sre-alerts'],
      email: ['noc'],
      pagerduty: { severity: 'SEV2' },
    });
    expect(api5xx?.triage.map((t) => t.label)).toEqual([
      'Ouvrir Grafana tableau « API Core » (latence & erreurs).',
      'Filtrer par `path` et consulter traces corrélées via ID `X-Trace-Id`.',
      'Inspecter derniers déploiements / feature flags.',
    ]);
    expect(api5xx?.mitigations.map((m) => m.id)).toEqual([
      'rollback',
      'circuit-breaker',
      'purge-failed-jobs',
    ]);
    expect(api5xx?.escalation.find((s) => s.id === 'tech-lead')).toMatchObject({
      when: { after: 15 * 60_000 },
      notify: ['tech-lead', 'oncall-backend'],
    });
    expect(api5xx?.escalation.find((s) => s.id === 'sev1')?.sets.severity).toBe('SEV1');
    expect(api5xx?.recovery.rto).toBe(4 * 3_600_000);

    const latency = registry.get('api.latency');
    expect(latency?.trigger.expr).toContain('> 0.2');
    expect(latency?.severity).toBe('warning');
    expect(latency?.mitigations.map((m) => m.id)).toEqual([
      'degraded-mode',
      'flush-cache',
      'sqlalchemy-pool',
    ]);
    expect(latency?.escalation.map((s) => s.id)).toEqual(['devops-infra', 'postmortem-sla']);

    const calendar = registry.get('calendar.queue');
    expect(calendar?.channels.slack).toEqual(['#integrations']);
    expect(calendar?.trigger.expr).toContain('>= 1');
    expect(calendar?.mitigations.find((m) => m.id === 'inform-customers')?.action.type).toBe('manual');
    expect(calendar?.escalation[0]).toMatchObject({
      when: { after: 30 * 60_000 },
      notify: ['integrations', 'customer-support'],
    });

    const audit = registry.get('audit.job.failure');
    expect(audit?.mitigations[0]?.action).toMatchObject({
      type: 'http',
      method: 'POST',
      path: '/api/v1/audit/organizations/{{labels.org}}/retention/run',
    });
    expect(audit?.escalation[0]).toMatchObject({
      when: { after: 24 * 3_600_000 },
      notify: ['dpo'],
      sets: { incident_report_required: true },
    });
    expect(audit?.recovery.rpo).toBe(24 * 3_600_000);

    for (const runbook of registry.all()) {
      expect(runbook.triage).toHaveLength(3);
      expect(runbook.mitigations).toHaveLength(3);
    }
  });

  it('keep the seed French with its accents restored', async () => {
    const text = await readFile(path.join(RUNBOOKS, 'api.5xx.yml'), 'utf8');
    expect(text).toContain('déploiement');
    expect(text).toContain('corrélées');
    expect(text).not.toMatch(/\bdeploiement\b|\bcorrelees\b/);
  });

  it('match alerts by runbook label first, then by alert name', async () => {
    const registry = new RunbookRegistry(await loadRunbooks(RUNBOOKS));
    expect(registry.match({ runbook: 'calendar.queue', alertname: 'X' })?.id).toBe('calendar.queue');
    expect(registry.match({ alertname: 'AuditRetentionJobFailed' })?.id).toBe('audit.job.failure');
    expect(registry.match({ alertname: 'SomethingElse' })).toBeUndefined();
    // A `runbook` label naming no runbook is a mistake to see: unmatched, not matched by alert name.
    expect(registry.match({ runbook: 'api.5xxx', alertname: 'ApiHttp5xxErrors' })).toBeUndefined();
  });

  it('render triage links with URL-encoded alert values', async () => {
    const registry = new RunbookRegistry(await loadRunbooks(RUNBOOKS));
    const link = registry.get('api.5xx')?.triage[0]?.link ?? '';
    const url = renderLink(link, {
      urls: registry.set.platform.urls,
      labels: { path: '/api/v1/planning?x=1&y' },
    });
    expect(url).toBe(
      'https://grafana.jmd.example/d/api-core/api-core?var-path=%2Fapi%2Fv1%2Fplanning%3Fx%3D1%26y',
    );
  });
});

describe('runbook validation errors name the file, the path and the problem', () => {
  it('reports a bad duration and an unknown role with their paths', async () => {
    const dir = await copyOfRunbooks();
    const file = path.join(dir, 'api.5xx.yml');
    const text = (await readFile(file, 'utf8')).replace(
      'when: { after: 15m }',
      'when: { after: 15 minutes }',
    );
    await writeFile(file, text);
    expect(await problemsOf(dir)).toContain('api.5xx.yml: escalation[0].when');

    const dir2 = await copyOfRunbooks();
    const file2 = path.join(dir2, 'calendar.queue.yml');
    await writeFile(
      file2,
      (await readFile(file2, 'utf8')).replace('allowed: [integrations, sre]', 'allowed: [integration, sre]'),
    );
    expect(await problemsOf(dir2)).toMatch(
      /calendar\.queue\.yml: mitigations\[0\]\.allowed\[0\]: rôle inconnu « integration » \(contacts\.yml connaît : /,
    );
  });

  it('words problems for a runbook author, not in zod’s terms: durations, unknown keys, labels no alert carries', async () => {
    const dir = await copyOfRunbooks();
    const file = path.join(dir, 'api.5xx.yml');
    await writeFile(
      file,
      (await readFile(file, 'utf8'))
        .replace('when: { after: 15m }', 'when: { after: 15mn }')
        .replace('auto_resolve:', 'auto_resolv:'),
    );
    const message = await problemsOf(dir);
    expect(message).toContain(
      'api.5xx.yml: escalation[0].when: durée invalide « 15mn » : écrivez 30s, 15m, 1h30m, 24h',
    );
    expect(message).toContain('api.5xx.yml: incident: clé inconnue : « auto_resolv »');
    expect(message).not.toMatch(/Invalid input|Unrecognized key|expected/);

    const dir2 = await copyOfRunbooks();
    const file2 = path.join(dir2, 'api.5xx.yml');
    await writeFile(
      file2,
      (await readFile(file2, 'utf8')).replace('var-path={{labels.path}}', 'var-path={{labels.pth}}'),
    );
    const message2 = await problemsOf(dir2);
    expect(message2).toContain(
      "« {{labels.pth}} » : aucune alerte de ce runbook ne porte le label « pth » (labels connus d'après trigger.expr, group_by et item_label : alertname, runbook, severity, service, env, path)",
    );

    // A confirm dialog's words take the same variables as the action, checked the same way.
    const confirmTypo = await runbooksWith({
      'api.5xx.yml': [['de {{labels.service}} (', 'de {{labels.svc}} (']],
    });
    expect(await problemsOf(confirmTypo)).toContain(
      'api.5xx.yml: mitigations[0].confirm.text: « {{labels.svc}} » : aucune alerte de ce runbook ne porte le label « svc »',
    );

    const dir3 = await copyOfRunbooks();
    const slo = path.join(dir3, 'slo.yml');
    await writeFile(
      slo,
      (await readFile(slo, 'utf8')).replace('start_lookback_max: 1h', 'start_lookback_max: 15mn'),
    );
    expect(await problemsOf(dir3)).toContain(
      'slo.yml: availability.start_lookback_max: durée invalide « 15mn » : écrivez 30s, 15m, 1h30m, 24h',
    );
  });

  it('says which values a deadline anchor takes, and where the forms of a step are told', async () => {
    // runbooksWith fails if the text to replace is not there: the edit cannot silently miss.
    const misnamed = await runbooksWith(
      {
        'audit.job.failure.yml': [['when: { after: 24h, from: start }', 'when: { after: 24h, from: debut }']],
      },
      { startAnchors: true },
    );
    expect(await problemsOf(misnamed)).toContain(
      'audit.job.failure.yml: escalation[0].when: from : valeur non prévue, attendu opening ou start',
    );
    const dir2 = await runbooksWith({ 'api.5xx.yml': [['when: { after: 15m }', 'when: { at: 15m }']] });
    expect(await problemsOf(dir2)).toContain(
      'api.5xx.yml: escalation[0].when: forme non reconnue : voir les formes possibles dans README.md (« Escalation »',
    );
  });

  it('reports a YAML syntax error, a missing contacts file and an unknown template variable', async () => {
    const dir = await copyOfRunbooks();
    await writeFile(path.join(dir, 'api.latency.yml'), 'id: [unclosed\n');
    await writeFile(path.join(dir, 'contacts.yml.bak'), '');
    await rm(path.join(dir, 'contacts.yml'));
    const message = await problemsOf(dir);
    expect(message).toContain('api.latency.yml: syntaxe YAML');
    expect(message).toContain('contacts.yml: absent de');

    const dir2 = await copyOfRunbooks();
    const file = path.join(dir2, 'api.5xx.yml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('{{urls.traces}}/search', '{{urls.tracing}}/search'),
    );
    expect(await problemsOf(dir2)).toContain(
      "api.5xx.yml: triage[1].link: « {{urls.tracing}} » n'est pas défini dans platform.yml",
    );
  });

  it('`vigie` without a command prints the usage and exits 2; `vigie help` exits 0', async () => {
    const usage = capture();
    expect(await runCli([], capture().stream, usage.stream)).toBe(2);
    expect(usage.text()).toContain('Usage: vigie <command>');
    expect(await runCli(['frobnicate'], capture().stream, capture().stream)).toBe(2);
    expect(await runCli(['help'], capture().stream, capture().stream)).toBe(0);
  });

  it('`vigie runbooks validate` exits 0 on the seed and 1 on a broken folder', async () => {
    const ok = capture();
    expect(await runCli(['runbooks', 'validate', RUNBOOKS], ok.stream, capture().stream)).toBe(0);
    expect(ok.text()).toContain('4 runbooks valid');

    const dir = await copyOfRunbooks();
    await writeFile(path.join(dir, 'extra.yml'), 'id: extra\n');
    const err = capture();
    expect(await runCli(['runbooks', 'validate', dir], capture().stream, err.stream)).toBe(1);
    expect(err.text()).toContain('extra.yml: title');
  });
});

describe('parseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['24h', 86_400_000],
    ['0s', 0],
    ['500ms', 500],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '15', 'm15', '15 m', '1h 30m', 'abc'])('rejects %p', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});
