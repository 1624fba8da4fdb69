import type { App, BlockButtonAction } from '@slack/bolt';
import { decodeActionValue } from '../../action-value';
import { resolveModal } from '../../blocks/modals';
import { ACTION } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { refusalMessage, replyPrivately } from '../listener-deps';

/** « Résoudre » on the card: the resolve modal (cause, summary, customer impact), as `/incident resoudre`. */
export function registerResolve(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ACTION.resolve, async ({ ack, body, action, client, respond }) => {
    await ack();
    const value = decodeActionValue(action.value);
    const incident = value === null ? null : await deps.incidents.get(value.i);
    if (value === null || incident === null)
      return replyPrivately(respond, refusalMessage({ code: 'bad_value' }, deps));
    if (incident.status === 'resolved')
      return replyPrivately(respond, refusalMessage({ code: 'resolved', incidentId: incident.id }, deps));
    await client.views.open({ trigger_id: body.trigger_id, view: resolveModal(incident, deps.locale) });
  });
}
