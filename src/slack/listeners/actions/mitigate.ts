import type { App, BlockButtonAction } from '@slack/bolt';
import { decodeActionValue } from '../../action-value';
import { ACTION, actionPattern } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { refusalMessage, replyPrivately } from '../listener-deps';

/**
 * A mitigation button (after Slack's confirm dialog). Acked at once; the ops call runs after the ack
 * and its outcome reaches the card and thread through the incident, so a slow ops API never makes
 * Slack time out.
 */
export function registerMitigate(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(actionPattern(ACTION.mitigate), async ({ ack, body, action, respond }) => {
    await ack();
    const value = decodeActionValue(action.value);
    if (value?.s === undefined) return replyPrivately(respond, refusalMessage({ code: 'bad_value' }, deps));
    const result = await deps.actions.mitigate(
      { incidentId: value.i, generation: value.g },
      value.s,
      body.user.id,
    );
    if (!result.ok) return replyPrivately(respond, refusalMessage(result.refusal, deps));
    deps.logger.info(
      { incident: value.i, mitigation: value.s, run: result.value.number, user: body.user.id },
      'mitigation started',
    );
  });
}
