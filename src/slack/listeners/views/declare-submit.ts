import type { App } from '@slack/bolt';
import type { Severity } from '../../../incidents/types';
import { refusalText } from '../../blocks/refusal-text';
import { CALLBACK } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { inputValue, selectedValue } from './input-value';

const SEVERITIES = new Set<string>(['SEV1', 'SEV2', 'warning']);

/** The declare modal's submission: opens an incident with the runbook's card in its channel. */
export function registerDeclareSubmit(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK.declareModal, async ({ ack, body, view }) => {
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
