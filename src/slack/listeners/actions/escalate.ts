import type { App, BlockButtonAction } from '@slack/bolt';
import { decodeActionValue } from '../../action-value';
import { ACTION, actionPattern } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { refusalMessage, replyPrivately } from '../listener-deps';

/** A card button for an escalation step a person triggers (e.g. « Cause infra » → DevOps). */
export function registerEscalate(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(actionPattern(ACTION.escalate), async ({ ack, body, action, respond }) => {
    await ack();
    const value = decodeActionValue(action.value);
    if (value?.s === undefined) return replyPrivately(respond, refusalMessage({ code: 'bad_value' }, deps));
    const result = await deps.actions.escalate(
      { incidentId: value.i, generation: value.g },
      body.user.id,
      value.s,
    );
    if (!result.ok) await replyPrivately(respond, refusalMessage(result.refusal, deps));
  });
}
