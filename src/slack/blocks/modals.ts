import type { ModalView, PlainTextOption } from '@slack/types';
import type { Incident, Severity } from '../../incidents/types';
import type { Runbook } from '../../runbooks/schema';
import { CALLBACK } from '../ids';
import type { Locale } from '../../i18n';
import { messages } from '../../i18n';
import { escapeMrkdwn, truncate } from './limits';

const plain = (text: string, max = 150) => ({
  type: 'plain_text' as const,
  text: truncate(text, max),
  emoji: true,
});

function textInput(blockId: string, label: string, multiline: boolean, optional = false) {
  return {
    type: 'input' as const,
    block_id: blockId,
    optional,
    label: plain(label, 2000),
    element: { type: 'plain_text_input' as const, action_id: 'value', multiline, max_length: 2000 },
  };
}

/** `/incident resolve`: cause, summary, customer impact. The incident id rides in private_metadata. */
export function resolveModal(incident: Incident, locale: Locale): ModalView {
  const m = messages(locale).modals;
  return {
    type: 'modal',
    callback_id: CALLBACK.resolveModal,
    private_metadata: JSON.stringify({ v: 1, i: incident.id, g: incident.generation }),
    title: plain(m.resolveTitle(incident.id), 24),
    submit: plain(m.resolve, 24),
    close: plain(m.cancel, 24),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(incident.policy.title), 3000) },
      },
      textInput('cause', m.cause, false),
      textInput('summary', m.summary, true),
      textInput('impact', m.impact, true),
      textInput('impact_start', m.impactStart, false, true),
      textInput('impact_end', m.impactEnd, false, true),
    ],
  };
}

const SEVERITIES: Severity[] = ['SEV1', 'SEV2', 'warning'];

/** `/incident declare` without arguments: runbook, severity, summary. */
export function declareModal(runbooks: Runbook[], locale: Locale): ModalView {
  const m = messages(locale).modals;
  const runbookOptions: PlainTextOption[] = runbooks
    .slice(0, 100)
    .map((r) => ({ text: plain(`${r.id} — ${r.title}`, 75), value: r.id }));
  // Named as the card names them (« 🟡 Warning »), never the stored key.
  const severityNames = messages(locale).card.severity;
  const severityOptions: PlainTextOption[] = SEVERITIES.map((s) => ({
    text: plain(severityNames[s], 75),
    value: s,
  }));
  return {
    type: 'modal',
    callback_id: CALLBACK.declareModal,
    title: plain(m.declareTitle, 24),
    submit: plain(m.declare, 24),
    close: plain(m.cancel, 24),
    blocks: [
      {
        type: 'input',
        block_id: 'runbook',
        label: plain(m.runbook),
        element: { type: 'static_select', action_id: 'value', options: runbookOptions },
      },
      {
        type: 'input',
        block_id: 'severity',
        label: plain(m.severity),
        element: {
          type: 'static_select',
          action_id: 'value',
          options: severityOptions,
          initial_option: severityOptions[1],
        },
      },
      textInput('summary', m.summary, true),
    ],
  };
}
