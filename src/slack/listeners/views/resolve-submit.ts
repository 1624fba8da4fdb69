import type { App } from '@slack/bolt';
import { decodeActionValue } from '../../action-value';
import { refusalText } from '../../blocks/refusal-text';
import { messages } from '../../../i18n';
import { CALLBACK } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { impactWindow } from './impact-window';
import { inputValue } from './input-value';
import { windowProblemText } from './window-problem-text';

/** The resolve modal's submission: the modal stays open with an error if Vigie refuses. */
export function registerResolveSubmit(app: App, deps: ListenerDeps): void {
  app.view(CALLBACK.resolveModal, async ({ ack, body, view }) => {
    const target = decodeActionValue(view.private_metadata);
    const roleName = (id: string) => deps.registry.set.contacts.roles[id]?.name ?? id;
    if (target === null) {
      await ack({
        response_action: 'errors',
        errors: { cause: refusalText({ code: 'bad_value' }, deps.locale, roleName) },
      });
      return;
    }
    // Slack checks required fields are not empty, not that they say something: blank is refused here.
    const blank = (['cause', 'summary', 'impact'] as const).filter(
      (field) => inputValue(view, field).trim() === '',
    );
    if (blank.length > 0) {
      const message = messages(deps.locale).modals.blank;
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(blank.map((field) => [field, message])),
      });
      return;
    }
    const now = Date.now();
    const impact = impactWindow(inputValue(view, 'impact_start'), inputValue(view, 'impact_end'), now);
    if ('problems' in impact) {
      const errors: Record<string, string> = {};
      for (const p of impact.problems) errors[p.field] = windowProblemText(p, deps.locale, now);
      await ack({ response_action: 'errors', errors });
      return;
    }
    const resolution = {
      cause: inputValue(view, 'cause'),
      summary: inputValue(view, 'summary'),
      customerImpact: inputValue(view, 'impact'),
      ...(impact.window === undefined ? {} : { impact: impact.window }),
    };
    const result = await deps.actions.resolve(
      { incidentId: target.i, generation: target.g },
      body.user.id,
      resolution,
    );
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: { cause: refusalText(result.refusal, deps.locale, roleName) },
      });
      return;
    }
    await ack();
  });
}
