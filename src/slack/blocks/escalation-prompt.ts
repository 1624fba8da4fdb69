import type { KnownBlock } from '@slack/types';
import type { EscalationChannel, EscalationStep, Incident } from '../../incidents/types';
import { encodeActionValue } from '../action-value';
import { ACTION, actionIdFor } from '../ids';
import type { Locale } from './i18n';
import { escapeMrkdwn, LIMITS, truncate } from './limits';
import type { SlackMessage } from './primitives';

const CHANNELS: Record<Locale, Record<EscalationChannel, string>> = {
  fr: { pagerduty: 'PagerDuty', email: 'email', slack: 'Slack', slack_dm: 'message direct' },
  en: { pagerduty: 'PagerDuty', email: 'email', slack: 'Slack', slack_dm: 'direct message' },
};

/**
 * `/incident escalader` asks first: which step, whom it will reach and how, with a red button (and
 * Slack's confirm dialog) that fires it — the same button as a card's escalation button.
 */
export function escalationPrompt(
  incident: Incident,
  step: EscalationStep,
  roleNames: Record<string, string>,
  locale: Locale,
): SlackMessage {
  const fr = locale === 'fr';
  const whom = step.notify.map((id) => roleNames[id] ?? id).join(', ') || '—';
  const how = step.via.map((v) => CHANNELS[locale][v]).join(', ') || '—';
  const reach = fr ? `joindra ${whom} (${how})` : `will reach ${whom} (${how})`;
  const text = fr
    ? `🚨 Escalader ${incident.id} maintenant ? _${escapeMrkdwn(step.description)}_ — ${reach}.`
    : `🚨 Escalate ${incident.id} now? _${escapeMrkdwn(step.description)}_ — ${reach}.`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } },
    {
      type: 'actions',
      block_id: 'incident.escalate-prompt',
      elements: [
        {
          type: 'button',
          action_id: actionIdFor(ACTION.escalate, step.id),
          text: { type: 'plain_text', text: fr ? 'Escalader maintenant' : 'Escalate now', emoji: true },
          value: encodeActionValue({ v: 1, i: incident.id, g: incident.generation, s: step.id }),
          style: 'danger',
          confirm: {
            title: { type: 'plain_text', text: fr ? 'Escalader ?' : 'Escalate?' },
            text: { type: 'mrkdwn', text: truncate(`${escapeMrkdwn(step.description)} — ${reach}.`, 300) },
            confirm: { type: 'plain_text', text: fr ? 'Escalader' : 'Escalate' },
            deny: { type: 'plain_text', text: fr ? 'Annuler' : 'Cancel' },
            style: 'danger',
          },
        },
      ],
    },
  ];
  return { text: fr ? `Escalader ${incident.id} ?` : `Escalate ${incident.id}?`, blocks };
}
