import { readFileSync } from 'node:fs';
import path from 'node:path';
import { postmortemDraft } from '../../../src/postmortem/postmortem-draft';
import { transition } from '../../../src/incidents/transition';
import { recordVerdict } from '../../../src/incidents/verification';
import type { Incident, IncidentCommand } from '../../../src/incidents/types';
import { alert, group, openWith, policy, storedAlerts } from '../../support/builders';

const TEMPLATE = readFileSync(path.join(__dirname, '../../../docs/compliance/postmortem.md'), 'utf8');
const T0 = Date.parse('2026-11-27T10:00:00Z');
const MIN = 60_000;

function scripted(overrides: Partial<Incident['policy']> = {}): Incident {
  const escalation = [
    {
      id: 'tech-lead',
      description: 'Si > 15 min…',
      trigger: { kind: 'after' as const, afterMs: 15 * MIN },
      unless: ['resolved' as const],
      notify: ['tech-lead'],
      via: ['pagerduty' as const],
      sets: {},
    },
  ];
  let incident = openWith(
    group([alert('a', { path: '/api/v1/planning', startsAt: '2026-11-27T10:00:00Z' })], {
      policy: policy({ escalation, ...overrides }),
    }),
    'INC-42',
    T0,
  );
  const steps: Array<[number, IncidentCommand]> = [
    [2, { type: 'acknowledge', actor: 'U0ALICE' }],
    [3, { type: 'check_triage', actor: 'U0ALICE', stepId: 'grafana-api-core' }],
    [5, { type: 'start_mitigation', actor: 'U0BOB', mitigationId: 'rollback', staleAfterMs: 60 * MIN }],
    [
      6,
      {
        type: 'finish_mitigation',
        mitigationId: 'rollback',
        number: 1,
        outcome: { status: 'succeeded', httpStatus: 200, durationMs: 840, message: 'rollback 4.2 → 4.1' },
      },
    ],
    [15, { type: 'fire_escalation', actor: 'vigie', stepId: 'tech-lead', generation: 1 }],
    [
      16,
      {
        type: 'record_delivery',
        stepId: 'tech-lead',
        generation: 1,
        results: [{ channel: 'pagerduty', target: 'tech-lead', outcome: 'sent', detail: 'accepted' }],
      },
    ],
    [
      24,
      {
        type: 'resolve',
        actor: 'U0ALICE',
        resolution: {
          cause: 'Déploiement 4.2 : pool SQL épuisé',
          summary: 'Rollback vers 4.1',
          customerImpact: '5xx sur le planning pendant 24 min',
        },
      },
    ],
  ];
  for (const [minute, command] of steps) {
    const result = transition(incident, command, T0 + minute * MIN);
    if (result.outcome !== 'changed') throw new Error(`${command.type}: ${result.outcome}`);
    incident = result.incident;
  }
  return incident;
}

const context = (incident: Incident, now = T0 + 60 * MIN): Parameters<typeof postmortemDraft>[2] => ({
  locale: 'fr',
  now,
  alerts: storedAlerts(incident),
  triageLabels: {
    'grafana-api-core': 'Ouvrir Grafana « API Core »',
    'last-deploys': 'Inspecter derniers déploiements',
  },
  names: {
    triage: (id) => id,
    mitigation: (id) => (id === 'rollback' ? 'Rollback dernier déploiement' : id),
    escalation: (id) => id,
    escalationName: (id) => id,
    role: (id) => (id === 'tech-lead' ? 'Tech Lead' : id),
    followup: (id) => id,
    person: (actor) => actor,
  },
  escalationLabels: { 'tech-lead': 'Tech Lead + On-call Backend' },
  postIncident: [
    'Mettre à jour roadmap `docs/roadmap/step-13.md` section RESULTATS.',
    'Compléter post-mortem.',
  ],
  budget: {
    monthStart: 0,
    monthEnd: 0,
    budgetMs: 216 * MIN,
    consumedMs: 24 * MIN,
    remainingMs: 192 * MIN,
    consumedRatio: 24 / 216,
    burnRate: 1,
    projectedMs: 0,
    computedAt: T0 + 30 * MIN,
  },
  rtoMs: 240 * MIN,
  rpoMs: undefined,
});

describe('postmortemDraft', () => {
  const incident = scripted();
  const draft = postmortemDraft(TEMPLATE, incident, context(incident));
  const section = (title: string) => {
    const start = draft.indexOf(`## ${title}`);
    const next = draft.indexOf('\n## ', start + 3);
    return draft.slice(start, next === -1 ? undefined : next);
  };

  it('titles the draft with the incident and fills every placeholder', () => {
    expect(draft.split('\n')[0]).toBe(
      '# Post-mortem — INC-42 : Hausse des erreurs HTTP 5xx (runbook=api.5xx, service=backend-api)',
    );
    expect(draft).not.toMatch(/\{\{/);
    expect(draft.split('\n')[2]).toBe(
      "> Brouillon rédigé par Vigie le 2026-11-27 11:00 UTC, incident résolu, à compléter par l'équipe.",
    );
  });
  it('résumé: durations, who acknowledged and resolved', () => {
    expect(section('Résumé')).toContain(
      'Début 2026-11-27 10:00 UTC, résolu 2026-11-27 10:24 UTC par U0ALICE — durée 24 min',
    );
    expect(section('Résumé')).toContain("Pris en charge par U0ALICE 2 min après l'ouverture par Vigie");
  });
  it('impact and SLO consumed, RTO verdict', () => {
    expect(section('Impact et SLO consommé')).toContain('/api/v1/planning');
    expect(section('Impact et SLO consommé')).toContain('5xx sur le planning pendant 24 min');
    expect(section('Impact et SLO consommé')).toContain(
      '24 min consommés sur 3 h 36 min (11 %), calculé le 2026-11-27 10:30 UTC',
    );
    expect(section('Impact et SLO consommé')).toContain('RTO 4 h : respecté (24 min)');
    // api.5xx sets no RPO: no line about archiving.
    expect(draft).not.toContain('RPO');
  });
  it('the RPO verdict, for a runbook that sets one (audit logs)', () => {
    const withRpo = (rpoMs: number) => postmortemDraft(TEMPLATE, incident, { ...context(incident), rpoMs });
    expect(withRpo(24 * 60 * MIN)).toContain(
      '- RPO 24 h : respecté (journaux audit non archivés pendant 24 min)',
    );
    expect(withRpo(20 * MIN)).toContain(
      '- RPO 20 min : dépassé (journaux audit non archivés pendant 24 min)',
    );
  });
  it('chronologie with times, triage with who ticked, mitigations with outcome, escalations with delivery', () => {
    expect(section('Chronologie')).toContain(
      '2026-11-27 10:05 UTC — Mitigation lancée : Rollback dernier déploiement (U0BOB)',
    );
    expect(section('Chronologie')).toContain(
      '2026-11-27 10:16 UTC — Escalade transmise : tech-lead — PagerDuty Tech Lead : envoyé (vigie)',
    );
    expect(section('Triage')).toContain('- [x] Ouvrir Grafana « API Core » — U0ALICE, 2026-11-27 10:03 UTC');
    expect(section('Triage')).toContain('- [ ] Inspecter derniers déploiements');
    expect(section('Mitigation')).toContain(
      'Rollback dernier déploiement — ✅ réussie, HTTP 200, 840 ms — U0BOB, 2026-11-27 10:05 UTC — rollback 4.2 → 4.1',
    );
    expect(section('Escalades')).toContain(
      'Tech Lead + On-call Backend — 2026-11-27 10:15 UTC (vigie) : PagerDuty Tech Lead : envoyé',
    );
  });
  it('says no mitigation was checked, and which are, instead of an empty table', () => {
    expect(section('Mitigation')).toContain(
      "### Efficacité des mitigations\n\n_Aucune mitigation vérifiée : une mitigation l'est quand elle a réussi et que le runbook fait vérifier son effet sur le déclencheur._",
    );
  });
  it('cause from the resolution, corrective actions and follow-up left to fill', () => {
    expect(section('Cause racine')).toContain('Déploiement 4.2 : pool SQL épuisé');
    expect(section('Actions correctives')).toContain('à compléter');
    expect(section('Suivi')).toContain(
      '- [ ] Mettre à jour roadmap `docs/roadmap/step-13.md` section RESULTATS.',
    );
  });
});

describe('a draft whose mitigation the runbook verifies', () => {
  const verified = scripted({ verify: { rollback: { afterMs: 2 * MIN, holdMs: 5 * MIN } } });
  const judged = recordVerdict(
    verified,
    'rollback',
    1,
    { status: 'recovered', expr: 'increase(errors[5m])', worst: 3, last: 0 },
    T0 + 14 * MIN,
  );
  if (judged.outcome !== 'changed') throw new Error(judged.outcome);
  const draft = postmortemDraft(TEMPLATE, judged.incident, context(judged.incident));

  it('tabulates each checked run: who, when, the verdict and the values seen', () => {
    expect(draft).toContain(
      [
        '| Mitigation | Par | Quand | Verdict | Valeurs |',
        '| --- | --- | --- | --- | --- |',
        '| Rollback dernier déploiement | U0BOB | 2026-11-27 10:06 UTC | rétabli | 3 → 0 |',
      ].join('\n'),
    );
    expect(draft).not.toContain('Aucune mitigation vérifiée');
  });
});

describe('a draft asked for before the incident is resolved (/incident postmortem)', () => {
  const open = openWith(
    group([alert('a', { path: '/api/v1/planning', startsAt: '2026-11-27T10:00:00Z' })]),
    'INC-43',
    T0,
  );
  const noted = transition(open, { type: 'add_note', actor: 'U0ALICE', text: 'pool SQL' }, T0 + 30 * MIN);
  if (noted.outcome !== 'changed') throw new Error(noted.outcome);
  const draft = postmortemDraft(TEMPLATE, noted.incident, context(noted.incident));

  it('keeps a long note whole in the chronologie (the card shows a line of it)', () => {
    const long = 'Le pool SQL sature à 50 connexions. '.repeat(50).trim();
    const again = transition(
      noted.incident,
      { type: 'add_note', actor: 'U0ALICE', text: long },
      T0 + 31 * MIN,
    );
    if (again.outcome !== 'changed') throw new Error(again.outcome);
    const withLong = postmortemDraft(TEMPLATE, again.incident, context(again.incident));
    expect(withLong).toContain(`Note : ${long} (`);
  });

  it('says the RTO is breached when the draft is written past its deadline, still unresolved', () => {
    const late = postmortemDraft(
      TEMPLATE,
      noted.incident,
      context(noted.incident, Date.parse('2026-11-27T15:00:00Z')),
    );
    expect(late).toContain(
      'RTO 4 h : dépassé, incident pas encore résolu — le service devait être rétabli avant 2026-11-27 14:00 UTC',
    );
  });

  it('says it was drafted before the incident was resolved', () => {
    expect(draft).toContain(
      "> Brouillon rédigé par Vigie le 2026-11-27 11:00 UTC, incident pas encore résolu : à reprendre une fois résolu, puis à compléter par l'équipe.",
    );
  });

  it('gives no duration and no RTO verdict, only the RTO deadline', () => {
    expect(draft).toContain('Début 2026-11-27 10:00 UTC, pas encore résolu');
    expect(draft).not.toContain('durée');
    expect(draft).toContain(
      'RTO 4 h : incident pas encore résolu — service à rétablir avant 2026-11-27 14:00 UTC',
    );
    expect(draft).not.toMatch(/RTO 4 h : (respecté|dépassé)/);
  });

  it('gives the RPO so far and its limit, no verdict before it is passed', () => {
    const rpoMs = 24 * 60 * MIN;
    const now = Date.parse('2026-11-27T11:00:00Z');
    expect(postmortemDraft(TEMPLATE, noted.incident, { ...context(noted.incident, now), rpoMs })).toContain(
      '- RPO 24 h : incident pas encore résolu — journaux audit non archivés depuis 1 h, à archiver avant 2026-11-28 10:00 UTC',
    );
    const later = Date.parse('2026-11-28T12:00:00Z');
    expect(postmortemDraft(TEMPLATE, noted.incident, { ...context(noted.incident, later), rpoMs })).toContain(
      '- RPO 24 h : dépassé, incident pas encore résolu — journaux audit non archivés depuis 26 h (limite atteinte le 2026-11-28 10:00 UTC)',
    );
  });
});
