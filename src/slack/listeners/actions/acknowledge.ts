import type { App, BlockButtonAction } from '@slack/bolt';
import { decodeActionValue } from '../../action-value';
import { ACTION } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { refusalMessage, replyPrivately } from '../listener-deps';

/** "Prendre en charge" on the card. */
export function registerAcknowledge(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ACTION.acknowledge, async ({ ack, body, action, respond }) => {
    await ack();
    const value = decodeActionValue(action.value);
    if (value === null) return replyPrivately(respond, refusalMessage({ code: 'bad_value' }, deps));
    const result = await deps.actions.acknowledge({ incidentId: value.i, generation: value.g }, body.user.id);
    if (!result.ok) await replyPrivately(respond, refusalMessage(result.refusal, deps));
  });
}
