import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escalationEmail } from '../../../src/escalation/escalation-email';
import type { Locale } from '../../../src/i18n';
import { cardStrings, messages } from '../../../src/i18n';
import { deliveryDetail, runReasonDetail } from '../../../src/incidents/timeline-details';
import type {
  Incident,
  IncidentStatus,
  MitigationRun,
  RunReason,
  TimelineEntry,
  TimelineKind,
} from '../../../src/incidents/types';
import { DELIVERY_OUTCOMES, DELIVERY_REASONS, TIMELINE_KINDS } from '../../../src/incidents/types';
import { postmortemDraft } from '../../../src/postmortem/postmortem-draft';
import type { Refusal } from '../../../src/responders/refusal';
import { loadRunbooks } from '../../../src/runbooks/loader';
import type { RunbookSet } from '../../../src/runbooks/loader';
import { runbookPolicy } from '../../../src/runbooks/incident-policy';
import { timelineNames } from '../../../src/runbooks/timeline-names';
import { renderThreadReply } from '../../../src/slack/blocks/card-timeline';
import { renderIncidentList, renderStatus } from '../../../src/slack/blocks/command-replies';
import { renderEscalationMessage } from '../../../src/slack/blocks/escalation-message';
import { escalationPrompt } from '../../../src/slack/blocks/escalation-prompt';
import { renderHomeView } from '../../../src/slack/blocks/home-view';
import { cardNames, renderIncidentCard } from '../../../src/slack/blocks/incident-card';
import type { CardContext } from '../../../src/slack/blocks/incident-card';
import { person } from '../../../src/slack/blocks/primitives';
import { refusalText } from '../../../src/slack/blocks/refusal-text';
import { renderSloReply } from '../../../src/slack/blocks/slo-reply';
import { renderStormDigest } from '../../../src/slack/blocks/storm-digest';
import { alert, group, openWith } from '../../support/builders';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const MIN = 60_000;
const ROOT = path.join(__dirname, '../../..');

const KINDS: readonly TimelineKind[] = TIMELINE_KINDS;
const OUTCOMES = DELIVERY_OUTCOMES;
const RUN_REASONS: RunReason[] = [
  { code: 'ops_not_configured' },
  { code: 'timeout', ms: 30_000 },
  { code: 'connection_refused' },
  { code: 'request_failed', detail: 'socket hang up' },
  { code: 'unsafe_path', variable: 'labels.service', value: '..' },
  { code: 'interrupted' },
];
const STATUSES: IncidentStatus[] = ['open', 'acknowledged', 'resolved'];

let set: RunbookSet;
let template: string;
beforeAll(async () => {
  set = await loadRunbooks(path.join(ROOT, 'runbooks'));
  template = readFileSync(path.join(ROOT, 'docs/compliance/postmortem.md'), 'utf8');
});

/** Details as the domain writes them for each kind (the seed runbook's ids). */
function detailsFor(kind: TimelineKind, i: number): string[][] {
  switch (kind) {
    case 'triage_checked':
    case 'triage_unchecked':
      return [['grafana-api-core']];
    case 'followup_checked':
    case 'followup_unchecked':
      return [['postmortem']];
    case 'mitigation_started':
      return [['rollback']];
    case 'mitigation_succeeded':
    case 'mitigation_dry_run':
      return [['rollback', 'HTTP 200', 'POST /ops/v1/services/backend-api/deployments/rollback']];
    case 'mitigation_failed':
      return RUN_REASONS.map((r) => ['rollback', runReasonDetail(r)]);
    case 'escalated':
      return [['tech-lead', 'tech-lead', 'oncall-backend']];
    case 'notified':
      return [['oncall-backend', 'noc']];
    case 'escalation_delivered':
    case 'notification_delivered':
      return [
        [
          ...(kind === 'escalation_delivered' ? ['tech-lead'] : []),
          ...OUTCOMES.map((outcome) =>
            deliveryDetail({ channel: 'pagerduty', target: 'tech-lead', outcome, detail: '' }),
          ),
          ...DELIVERY_REASONS.map((reason) =>
            deliveryDetail({
              channel: reason === 'slack_refused' ? 'slack' : 'email',
              target: reason === 'slack_refused' ? '#sre-escalations' : 'noc@jmd.example',
              outcome: 'failed',
              reason,
              detail: reason === 'slack_refused' ? 'channel_not_found' : 'HTTP 400 Bad Request',
            }),
          ),
          deliveryDetail({ channel: 'slack_dm', target: 'U0DPO000001', outcome: 'sent', detail: '' }),
        ],
      ];
    case 'truncated':
      return [['12']];
    case 'impact_corrected':
      return [[String(T0), String(T0 + 20 * MIN)]];
    case 'note':
    case 'declared':
      return [[`texte libre ${i}`]];
    default:
      return [['/api/v1/planning', '/api/v1/notifications']];
  }
}

function everything(status: IncidentStatus): Incident {
  const api = set.runbooks.find((r) => r.id === 'api.5xx');
  if (api === undefined) throw new Error('seed runbook api.5xx missing');
  const base = openWith(
    group([alert('a', { path: '/api/v1/planning' })], {
      policy: runbookPolicy(api, set.slo, { env: 'prod' }, messages('fr').policy),
    }),
    'INC-7',
    T0,
  );
  let seq = 0;
  const timeline: TimelineEntry[] = KINDS.flatMap((kind, i) =>
    detailsFor(kind, i).map((details) => ({
      seq: (seq += 1),
      at: T0 + seq * MIN,
      actor: i % 2 === 0 ? 'U0ALICE01' : 'alertmanager',
      kind,
      details,
    })),
  );
  const runs: MitigationRun[] = [
    {
      number: 1,
      status: 'succeeded',
      by: 'U0ALICE01',
      startedAt: T0,
      finishedAt: T0 + 1,
      httpStatus: 200,
      durationMs: 80,
      message: 'ok',
    },
    ...RUN_REASONS.map((reason, i) => ({
      number: i + 2,
      status: 'failed' as const,
      by: 'U0ALICE01',
      startedAt: T0,
      finishedAt: T0 + 1,
      httpStatus: undefined,
      durationMs: undefined,
      message: undefined,
      reason,
    })),
    {
      number: 9,
      status: 'dry_run',
      by: 'U0ALICE01',
      startedAt: T0,
      finishedAt: T0 + 1,
      httpStatus: undefined,
      durationMs: undefined,
      message: 'POST /ops/v1/x',
    },
    {
      number: 10,
      status: 'running',
      by: 'U0ALICE01',
      startedAt: T0,
      finishedAt: undefined,
      httpStatus: undefined,
      durationMs: undefined,
      message: undefined,
    },
  ];
  return {
    ...base,
    status,
    // One status shows the severity whose internal key is a word (`warning`), the others SEV2.
    severity: status === 'acknowledged' ? 'warning' : base.severity,
    acknowledgedBy: status === 'open' ? undefined : 'U0ALICE01',
    acknowledgedAt: status === 'open' ? undefined : T0 + MIN,
    resolvedAt: status === 'resolved' ? T0 + 90 * MIN : undefined,
    resolvedBy: status === 'resolved' ? 'U0ALICE01' : undefined,
    resolution:
      status === 'resolved'
        ? { cause: 'déploiement 4.2', summary: 'rollback', customerImpact: 'planning lent' }
        : undefined,
    timeline,
    triage: { 'grafana-api-core': { by: 'U0ALICE01', at: T0 } },
    mitigations: { rollback: runs.slice(0, 9), 'purge-failed-jobs': runs.slice(9) },
    flags: {
      postmortemRequired: true,
      customerInformationRequired: true,
      incidentReportRequired: true,
      rtoBreached: true,
    },
    escalations: [
      {
        stepId: 'tech-lead',
        generation: 1,
        firedAt: T0 + 15 * MIN,
        by: 'vigie',
        deliveries: [
          ...OUTCOMES.map((outcome) => ({
            channel: 'pagerduty' as const,
            target: 'tech-lead',
            outcome,
            detail: '',
          })),
          ...DELIVERY_REASONS.map((reason) => ({
            channel: 'email' as const,
            target: 'noc@jmd.example',
            outcome: 'failed' as const,
            reason,
            detail: 'HTTP 400',
          })),
        ],
      },
    ],
  };
}

/**
 * Text a person reads, with what is not the surface's own words taken out: Slack tokens (dates,
 * mentions), links, `code` spans (runbook ids, label values, commands), ISO times, emails.
 */
function wordsOf(text: string): string {
  return text
    .replace(/<[!@#][^>]*>/g, ' ')
    .replace(/<https?:[^>]*>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\b\d{4}-\d{2}-\d{2}[T ][\d:.]+Z?( UTC)?/g, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ');
}

const SNAKE = /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/;
const COLON_TRIPLE = /\b\w+:\w+:\w+\b/;
/** The severity's internal key (its name is capitalized: « Warning »). */
const SEVERITY_KEY = /\bwarning\b/;
const ENGLISH_STATUS =
  /\b(open|acknowledged|resolved|sent|failed|skipped|fallback|succeeded|running|dry[ _]run|already running)\b/i;

/** The runbook's compound ids (steps, mitigations, roles, duties): people read their titles instead. */
function runbookIds(): string[] {
  const ids = [
    ...set.runbooks.flatMap((r) => [
      ...r.triage.map((t) => t.id),
      ...r.mitigations.map((m) => m.id),
      ...r.escalation.map((e) => e.id),
    ]),
    ...Object.keys(set.contacts.roles),
    ...set.slo.post_incident.map((p) => p.id),
  ];
  return [...new Set(ids.filter((id) => id.includes('-')))];
}

function expectHumanWords(surface: string, text: string, locale: Locale): void {
  const words = wordsOf(text);
  const ids = runbookIds().filter((id) => new RegExp(`(^|[^\\w/-])${id}($|[^\\w/-])`).test(words));
  const problems = [
    SNAKE.exec(words)?.[0],
    COLON_TRIPLE.exec(words)?.[0],
    SEVERITY_KEY.exec(words)?.[0],
    locale === 'fr' ? ENGLISH_STATUS.exec(words)?.[0] : undefined,
    ...ids,
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new Error(`${surface} (${locale}) shows ${problems.join(', ')}:\n${words}`);
}

/** Every string a person reads in a Slack payload: `text` fields (blocks, buttons, confirms, options). */
function texts(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(texts).join('\n');
  if (value === null || typeof value !== 'object') return '';
  return Object.entries(value as Record<string, unknown>)
    .filter(
      ([key]) =>
        ![
          'action_id',
          'block_id',
          'value',
          'type',
          'style',
          'url',
          'callback_id',
          'private_metadata',
        ].includes(key),
    )
    .map(([, v]) => texts(v))
    .join('\n');
}

describe.each<Locale>(['fr', 'en'])('every kind, status and outcome on every surface (%s)', (locale) => {
  const ctx = (): CardContext => ({
    runbook: set.runbooks.find((r) => r.id === 'api.5xx'),
    urls: set.platform.urls,
    roleNames: Object.fromEntries(Object.entries(set.contacts.roles).map(([id, r]) => [id, r.name])),
    followups: set.slo.post_incident.map((p) => ({ id: p.id, label: p.label })),
    budget: {
      consumedMs: 30 * MIN,
      budgetMs: 216 * MIN,
      consumedRatio: 30 / 216,
      threatened: true,
      computedAt: T0,
      dataMs: 12 * MIN,
    },
    locale,
    now: T0 + 100 * MIN,
    alerts: [alert('a', { path: '/api/v1/planning' })],
  });

  it.each(STATUSES)('card, thread, list, status, Home and email of an incident %s', (status) => {
    const incident = everything(status);
    const c = ctx();
    const names = cardNames(incident, c);
    const m = messages(locale);
    // The whole timeline in the thread (the card shows the last few).
    expectHumanWords('card', texts(renderIncidentCard(incident, c)), locale);
    expectHumanWords('thread', texts(renderThreadReply(incident, incident.timeline, m, names)), locale);
    expectHumanWords('list', texts(renderIncidentList([incident], locale)), locale);
    expectHumanWords('status', texts(renderStatus(incident, c.runbook, locale, c)), locale);
    expectHumanWords('home', texts(renderHomeView([incident], locale, T0, c.budget ?? undefined)), locale);
    const step = incident.policy.escalation.find((s) => s.id === 'tech-lead');
    if (step === undefined) throw new Error('tech-lead step missing');
    const email = escalationEmail(incident, step, ['noc@jmd.example'], undefined, locale, {
      ...timelineNames(
        incident,
        c.runbook,
        (id) => c.roleNames[id] ?? id,
        c.followups,
        (a) => a,
      ),
    });
    expectHumanWords('email', `${email.subject}\n${email.text}`, locale);
    expectHumanWords(
      'escalation message',
      texts(renderEscalationMessage(incident, step, [], ['Tech Lead'], locale)),
      locale,
    );
    expectHumanWords(
      'escalation prompt',
      texts(escalationPrompt(incident, step, c.roleNames, locale)),
      locale,
    );
    expectHumanWords(
      'digest',
      texts(
        renderStormDigest(
          { title: 'x', incidents: [incident], total: 3, perMinute: 10, since: T0 },
          cardStrings(locale),
        ),
      ),
      locale,
    );
    expect(m.card.timelineKind).toBeDefined();
  });

  it('/incident slo and every refusal', () => {
    const incident = everything('open');
    const budget = {
      consumedMs: 30 * MIN,
      budgetMs: 216 * MIN,
      consumedRatio: 0.1,
      threatened: false,
      computedAt: T0,
      burnRate: 1.2,
      projectedMs: 40 * MIN,
      source: 'prometheus' as const,
    };
    expectHumanWords(
      'slo',
      texts(
        renderSloReply(
          { budget, unavailableReason: undefined, open: [{ incident, runbook: set.runbooks[0] }], now: T0 },
          locale,
        ),
      ),
      locale,
    );
    // Early in a month: the projection's pace counted over the SLO's minimum history, and said so.
    const early = renderSloReply(
      {
        budget: { ...budget, projectedOverMs: 7 * 24 * 60 * MIN },
        unavailableReason: undefined,
        open: [],
        now: T0,
      },
      locale,
    );
    expectHumanWords('slo early in the month', texts(early), locale);
    expect(texts(early)).toContain(
      locale === 'fr' ? 'rythme compté sur 7 j en début de mois' : 'pace counted over 7 d early in the month',
    );
    for (const problem of [
      { code: 'unreachable' as const, detail: 'ECONNREFUSED' },
      { code: 'not_a_ratio' as const },
      undefined,
    ])
      expectHumanWords(
        'slo unavailable',
        texts(renderSloReply({ budget: undefined, unavailableReason: problem, open: [], now: T0 }, locale)),
        locale,
      );
    const refusals: Refusal[] = [
      { code: 'bad_value' },
      { code: 'unknown_incident', incidentId: 'INC-9' },
      { code: 'stale_card', incidentId: 'INC-9' },
      { code: 'resolved', incidentId: 'INC-9' },
      { code: 'no_runbook', incidentId: 'INC-9' },
      { code: 'unknown_step', stepId: 'grafana-api-core' },
      { code: 'not_allowed', roles: ['tech-lead'] },
      { code: 'permission_check_failed' },
      { code: 'already_running', by: 'U0ALICE01', since: T0 },
      { code: 'already_running', by: undefined, since: undefined },
      { code: 'just_ran', by: 'U0ALICE01', at: T0 },
      { code: 'no_escalation', incidentId: 'INC-9' },
      { code: 'already_acknowledged', incidentId: 'INC-9', by: 'U0ALICE01', at: T0 },
      { code: 'already_acknowledged', incidentId: 'INC-9', by: undefined, at: undefined },
      {
        code: 'already_escalated',
        incidentId: 'INC-9',
        step: 'Si > 15 min sans résolution → Tech Lead <!channel>',
        by: 'U0ALICE01',
        at: T0,
      },
      { code: 'all_escalated', incidentId: 'INC-9' },
      { code: 'escalation_excused', incidentId: 'INC-9' },
      { code: 'store_unavailable' },
    ];
    for (const refusal of refusals)
      expectHumanWords(
        `refusal ${refusal.code}`,
        refusalText(refusal, locale, (id) => set.contacts.roles[id]?.name ?? id),
        locale,
      );
    // The rejected refusal words the domain's reason only in English (for whoever reads the logs too).
    if (locale === 'fr')
      expectHumanWords(
        'refusal rejected',
        refusalText({ code: 'rejected', detail: 'run not recorded' }, locale, (id) => id),
        locale,
      );
  });
});

describe.each<Locale>(['fr', 'en'])('the post-mortem draft (%s)', (locale) => {
  it.each(STATUSES)('names every kind, run and delivery in words for an incident %s', (status) => {
    const incident = everything(status);
    const runbook = set.runbooks.find((r) => r.id === 'api.5xx');
    const roleName = (id: string) => set.contacts.roles[id]?.name ?? id;
    const followups = set.slo.post_incident.map((p) => ({ id: p.id, label: p.label }));
    const draft = postmortemDraft(template, incident, {
      locale,
      triageLabels: Object.fromEntries((runbook?.triage ?? []).map((t) => [t.id, t.label])),
      names: timelineNames(incident, runbook, roleName, followups, person),
      escalationLabels: {},
      postIncident: followups.map((f) => f.label),
      budget: {
        monthStart: 0,
        monthEnd: 0,
        budgetMs: 216 * MIN,
        consumedMs: 0,
        remainingMs: 0,
        consumedRatio: 0,
        burnRate: 0,
        projectedMs: 0,
        computedAt: T0,
      },
      rtoMs: 240 * MIN,
      rpoMs: 24 * 60 * MIN,
      now: T0 + 100 * MIN,
      alerts: [],
    });
    expectHumanWords('post-mortem', draft, locale);
  });
});
