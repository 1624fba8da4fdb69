import type { App } from '@slack/bolt';
import type { Severity } from '../../../incidents/types';
import { messages } from '../../../i18n';
import { refusalText } from '../../blocks/refusal-text';
import { CALLBACK } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { inputValue, selectedValue } from './input-value';

const SEVERITIES = new Set<string>(['SEV1', 'SEV2', 'warning']);

/** The declare modal's submission: opens an incident with the runbook's card in its channel. */
export function registerDeclareSubmit(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK.declareModal, async ({ ack, body, view }) => {
    // Slack checks a required field is not empty, not that it says something.
    if (inputValue(view, 'summary') === '') {
      await ack({
        response_action: 'errors',
        errors: { summary: messages(deps.locale).modals.blankSummary },
      });
      return;
    }
    const severity = selectedValue(view, 'severity');
    const result = await deps.actions.declare(
      selectedValue(view, 'runbook') ?? '',
      severity !== undefined && SEVERITIES.has(severity) ? (severity as Severity) : undefined,
      inputValue(view, 'summary'),
      body.user.id,
    );
    if (!result.ok) {
      const roleName = (id: string) => deps.registry.set.contacts.roles[id]?.name ?? id;
      await ack({
        response_action: 'errors',
        errors: { runbook: refusalText(result.refusal, deps.locale, roleName) },
      });
      return;
    }
    await ack();
  });
}
