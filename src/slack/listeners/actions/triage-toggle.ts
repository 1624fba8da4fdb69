import type { App, BlockButtonAction } from '@slack/bolt';
import { decodeActionValue } from '../../action-value';
import { ACTION, actionPattern } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { refusalMessage, replyPrivately } from '../listener-deps';

/** Tick or untick a triage step; who and when show on the card. */
export function registerTriageToggle(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(
    actionPattern(ACTION.triageToggle),
    async ({ ack, body, action, respond }) => {
      await ack();
      const value = decodeActionValue(action.value);
      if (value?.s === undefined) return replyPrivately(respond, refusalMessage({ code: 'bad_value' }, deps));
      const result = await deps.actions.toggleTriage(
        { incidentId: value.i, generation: value.g },
        value.s,
        body.user.id,
      );
      if (!result.ok) await replyPrivately(respond, refusalMessage(result.refusal, deps));
    },
  );
}
