import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION, actionPattern } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { handleButton } from '../listener-deps';

/** Tick or untick a triage step; who and when show on the card. */
export function registerTriageToggle(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(actionPattern(ACTION.triageToggle), (args) =>
    handleButton(deps, args, (target, step, user) => deps.actions.toggleTriage(target, step ?? '', user), {
      needsStep: true,
    }),
  );
}
