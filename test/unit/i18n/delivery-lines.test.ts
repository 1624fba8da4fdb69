import { messages } from '../../../src/i18n';
import { timelineText } from '../../../src/i18n/timeline-text';
import type { TimelineNames } from '../../../src/i18n';
import { deliveryDetail } from '../../../src/incidents/timeline-details';
import type { TimelineEntry } from '../../../src/incidents/types';

const DESCRIPTIONS: Record<string, string> = {
  sev1: 'Monter SEV1 si SLA menacé.',
  rto: "Validation RTO — le plan de reprise doit remettre l'API en service < 4 h.",
  'dpo-rpo': 'Notifier DPO si retard > 24 h (RPO). Rédiger rapport incident.',
  'tech-lead': 'Si > 15 min sans résolution, contacter Tech Lead + On-call Backend.',
};
const names: TimelineNames = {
  triage: (id) => id,
  mitigation: (id) => id,
  escalation: (id) => DESCRIPTIONS[id] ?? id,
  role: (id) => ({ 'tech-lead': 'Tech Lead', dpo: 'DPO' })[id] ?? id,
  followup: (id) => id,
  person: (actor) => actor,
};
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
