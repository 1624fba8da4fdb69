import type { KnownBlock } from '@slack/types';
import type { EscalationStep, Incident } from '../../incidents/types';
import { encodeActionValue } from '../action-value';
import { ACTION, actionIdFor, PROMPT_BLOCK } from '../ids';
import type { Locale } from '../../i18n';
import { messages } from '../../i18n';
import { escapeMrkdwn, LIMITS, truncate } from './limits';
import type { SlackMessage } from './primitives';
import { section } from './primitives';

/** Whom a step reaches and how, in the prompt's words (« joindra Tech Lead (PagerDuty, Slack) »). */
function reachOf(step: EscalationStep, roleNames: Record<string, string>, locale: Locale): string {
  const m = messages(locale).escalation;
  const whom = step.notify.map((id) => roleNames[id] ?? id).join(', ') || '—';
  const how = step.via.map((v) => m.channels[v]).join(', ') || '—';
  return m.reach(whom, how);
}

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
  const m = messages(locale).escalation;
  const reach = reachOf(step, roleNames, locale);
  const text = m.prompt(incident.id, escapeMrkdwn(step.description), reach);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } },
    {
      type: 'actions',
      block_id: PROMPT_BLOCK.escalate,
      elements: [
        {
          type: 'button',
          action_id: actionIdFor(ACTION.escalate, step.id),
          text: { type: 'plain_text', text: m.promptButton, emoji: true },
          value: encodeActionValue({ v: 1, i: incident.id, g: incident.generation, s: step.id }),
          style: 'danger',
          confirm: {
            title: { type: 'plain_text', text: m.confirmTitle },
            text: { type: 'mrkdwn', text: truncate(`${escapeMrkdwn(step.description)} — ${reach}.`, 300) },
            confirm: { type: 'plain_text', text: m.confirm },
            deny: { type: 'plain_text', text: m.deny },
            style: 'danger',
          },
        },
      ],
    },
  ];
  return { text: m.promptFallback(incident.id), blocks };
}

/** What the prompt becomes once its button fired the step: no button left to press again. */
export function escalationPromptDone(
  incidentId: string,
  step: EscalationStep,
  roleNames: Record<string, string>,
  locale: Locale,
): SlackMessage {
  const m = messages(locale).escalation;
  const text = m.promptDone(incidentId, escapeMrkdwn(step.description), reachOf(step, roleNames, locale));
  return { text: truncate(text, LIMITS.fallbackText), blocks: [section(text)] };
}
