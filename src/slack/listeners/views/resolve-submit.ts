import type { App } from '@slack/bolt';
import { decodeActionValue } from '../../action-value';
import { refusalText } from '../../blocks/refusal-text';
import { messages } from '../../../i18n';
import { CALLBACK } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { inputValue } from './input-value';

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
    const impact = impactWindow(inputValue(view, 'impact_start'), inputValue(view, 'impact_end'));
    if (impact === 'invalid') {
      const message = messages(deps.locale).modals.badWindow;
      await ack({ response_action: 'errors', errors: { impact_start: message } });
      return;
    }
    const resolution = {
      cause: inputValue(view, 'cause'),
      summary: inputValue(view, 'summary'),
      customerImpact: inputValue(view, 'impact'),
      ...(impact === undefined ? {} : { impact }),
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

/** "2026-11-27 14:05" (UTC) pair → a window; neither → undefined; anything else → 'invalid'. */
export function impactWindow(
  start: string,
  end: string,
): { start: number; end: number } | undefined | 'invalid' {
  if (start === '' && end === '') return undefined;
  const parse = (text: string) =>
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(text)
      ? Date.parse(`${text.replace(' ', 'T')}:00Z`)
      : Number.NaN;
  const window = { start: parse(start), end: parse(end) };
  return Number.isNaN(window.start) || Number.isNaN(window.end) || window.end <= window.start
    ? 'invalid'
    : window;
}
