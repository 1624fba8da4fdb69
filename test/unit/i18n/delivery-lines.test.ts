import { messages } from '../../../src/i18n';
import { timelineText } from '../../../src/i18n/timeline-text';
import { deliveryDetail } from '../../../src/incidents/timeline-details';
import type { EscalationStep, TimelineEntry } from '../../../src/incidents/types';
import { timelineNames } from '../../../src/runbooks/timeline-names';
import { alert, group, openWith, policy } from '../../support/builders';

const step = (id: string, description: string, name?: string): EscalationStep => ({
  id,
  description,
  ...(name === undefined ? {} : { name }),
  trigger: { kind: 'after', afterMs: 15 * 60_000 },
  unless: ['resolved'],
  notify: ['tech-lead'],
  via: ['pagerduty'],
  sets: {},
});
// Steps as frozen on the incident: their names come from there, as on every surface.
const STEPS = [
  step('sev1', 'Monter SEV1 si SLA menacé.'),
  step('rto', "Validation RTO — le plan de reprise doit remettre l'API en service < 4 h."),
  step('dpo-rpo', 'Notifier DPO si retard > 24 h (RPO). Rédiger rapport incident.'),
  step('tech-lead', 'Si > 15 min sans résolution, contacter Tech Lead + On-call Backend.'),
  step(
    'integrations',
    "Si > 30 min d'échec continu, solliciter équipe Integrations + support client.",
    'Integrations + support client',
  ),
];
const incident = openWith(group([alert('a')], { policy: policy({ escalation: STEPS }) }), 'INC-9');
const names = timelineNames(
  incident,
  undefined,
  (id) => ({ 'tech-lead': 'Tech Lead', dpo: 'DPO' })[id] ?? id,
  [],
  (actor) => actor,
);
const delivered = (stepId: string, target: string): TimelineEntry => ({
  seq: 1,
  at: 0,
  actor: 'vigie',
  kind: 'escalation_delivered',
  details: [stepId, deliveryDetail({ channel: 'pagerduty', target, outcome: 'sent', detail: '' })],
});

describe('an escalation delivery line', () => {
  it('names its step by the first clause of its description: two steps paging one role read apart', () => {
    const m = messages('fr');
    expect(timelineText(delivered('sev1', 'tech-lead'), m, names)).toBe(
      'Escalade transmise : Monter SEV1 si SLA menacé — PagerDuty Tech Lead : envoyé',
    );
    expect(timelineText(delivered('rto', 'tech-lead'), m, names)).toBe(
      'Escalade transmise : Validation RTO — PagerDuty Tech Lead : envoyé',
    );
    expect(timelineText(delivered('dpo-rpo', 'dpo'), m, names)).toBe(
      'Escalade transmise : Notifier DPO si retard > 24 h (RPO) — PagerDuty DPO : envoyé',
    );
  });

  it('names a step by its short name when its runbook gives one, not by the sentence of its description', () => {
    expect(timelineText(delivered('integrations', 'tech-lead'), messages('fr'), names)).toBe(
      'Escalade transmise : Integrations + support client — PagerDuty Tech Lead : envoyé',
    );
    expect(names.escalation('integrations')).toBe(
      "Si > 30 min d'échec continu, solliciter équipe Integrations + support client.",
    );
  });

  it('ends the step name with a dash: a description with commas of its own reads apart from its deliveries', () => {
    const entry: TimelineEntry = {
      ...delivered('tech-lead', 'tech-lead'),
      details: [
        'tech-lead',
        deliveryDetail({ channel: 'pagerduty', target: 'tech-lead', outcome: 'sent', detail: '' }),
        deliveryDetail({ channel: 'slack', target: '#sre-escalations', outcome: 'sent', detail: '' }),
      ],
    };
    expect(timelineText(entry, messages('fr'), names)).toBe(
      'Escalade transmise : Si > 15 min sans résolution, contacter Tech Lead + On-call Backend — PagerDuty Tech Lead : envoyé, Slack #sre-escalations : envoyé',
    );
  });
});

describe('the opening channels’ lines', () => {
  it('name the roles to notify, then what each delivery became: a failed page is never said « prévenu »', () => {
    const m = messages('fr');
    const notified: TimelineEntry = {
      seq: 1,
      at: 0,
      actor: 'vigie',
      kind: 'notified',
      details: ['tech-lead', 'dpo'],
    };
    expect(timelineText(notified, m, names)).toBe('Canaux du runbook à prévenir : Tech Lead, DPO');
    const failed: TimelineEntry = {
      ...notified,
      kind: 'notification_delivered',
      details: [
        deliveryDetail({
          channel: 'pagerduty',
          target: 'tech-lead',
          outcome: 'failed',
          reason: 'pagerduty_failed',
          detail: 'HTTP 500',
        }),
      ],
    };
    expect(timelineText(failed, m, names)).toMatch(
      /^Envoi aux canaux du runbook : PagerDuty Tech Lead : échec/,
    );
    expect(timelineText(notified, messages('en'), names)).toBe('Runbook channels to notify: Tech Lead, DPO');
  });
});
