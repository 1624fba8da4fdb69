import type { App } from '@slack/bolt';
import { decodeActionValue } from '../../action-value';
import { refusalText } from '../../blocks/refusal-text';
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
    const resolution = {
      cause: inputValue(view, 'cause'),
      summary: inputValue(view, 'summary'),
      customerImpact: inputValue(view, 'impact'),
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
