import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION, actionPattern, PROMPT_BLOCK } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { handleButton } from '../listener-deps';
import { mitigateFromPrompt } from './mitigate-from-prompt';

/**
 * A mitigation button (after Slack's confirm dialog). Acked at once; the ops call runs after the ack
 * and its outcome reaches the card and thread through the incident, so a slow ops API never makes
 * Slack time out. The same button on `/incident mitiger`'s prompt answers in place of the prompt.
 */
export function registerMitigate(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(actionPattern(ACTION.mitigate), (args) =>
    args.action.block_id === PROMPT_BLOCK.mitigate
      ? mitigateFromPrompt(deps, args)
      : handleButton(deps, args, (target, step, user) => deps.actions.mitigate(target, step ?? '', user), {
          needsStep: true,
        }),
  );
}
