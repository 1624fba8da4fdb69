import type { ModalView, PlainTextOption } from '@slack/types';
import type { Incident, Severity } from '../../incidents/types';
import type { Runbook } from '../../runbooks/schema';
import { CALLBACK } from '../ids';
import type { Locale } from './i18n';
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
  const fr = locale === 'fr';
  return {
    type: 'modal',
    callback_id: CALLBACK.resolveModal,
    private_metadata: JSON.stringify({ v: 1, i: incident.id, g: incident.generation }),
    title: plain(fr ? `Résoudre ${incident.id}` : `Resolve ${incident.id}`, 24),
    submit: plain(fr ? 'Résoudre' : 'Resolve', 24),
    close: plain(fr ? 'Annuler' : 'Cancel', 24),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(incident.policy.title), 3000) },
      },
      textInput('cause', fr ? 'Cause' : 'Cause', false),
      textInput('summary', fr ? 'Résumé' : 'Summary', true),
      textInput('impact', fr ? 'Impact client' : 'Customer impact', true),
      textInput(
        'impact_start',
        fr
          ? "Début réel de l'impact (UTC, AAAA-MM-JJ HH:MM) — optionnel"
          : 'Actual impact start (UTC, YYYY-MM-DD HH:MM) — optional',
        false,
        true,
      ),
      textInput(
        'impact_end',
        fr
          ? "Fin réelle de l'impact (UTC, AAAA-MM-JJ HH:MM) — optionnel"
          : 'Actual impact end (UTC, YYYY-MM-DD HH:MM) — optional',
        false,
        true,
      ),
    ],
  };
}

const SEVERITIES: Severity[] = ['SEV1', 'SEV2', 'warning'];

/** `/incident declare` without arguments: runbook, severity, summary. */
export function declareModal(runbooks: Runbook[], locale: Locale): ModalView {
  const fr = locale === 'fr';
  const runbookOptions: PlainTextOption[] = runbooks
    .slice(0, 100)
    .map((r) => ({ text: plain(`${r.id} — ${r.title}`, 75), value: r.id }));
  const severityOptions: PlainTextOption[] = SEVERITIES.map((s) => ({ text: plain(s, 75), value: s }));
  return {
    type: 'modal',
    callback_id: CALLBACK.declareModal,
    title: plain(fr ? 'Déclarer un incident' : 'Declare an incident', 24),
    submit: plain(fr ? 'Déclarer' : 'Declare', 24),
    close: plain(fr ? 'Annuler' : 'Cancel', 24),
    blocks: [
      {
        type: 'input',
        block_id: 'runbook',
        label: plain('Runbook'),
        element: { type: 'static_select', action_id: 'value', options: runbookOptions },
      },
      {
        type: 'input',
        block_id: 'severity',
        label: plain(fr ? 'Sévérité' : 'Severity'),
        element: {
          type: 'static_select',
          action_id: 'value',
          options: severityOptions,
          initial_option: severityOptions[1],
        },
      },
      textInput('summary', fr ? 'Résumé' : 'Summary', true),
    ],
  };
}
