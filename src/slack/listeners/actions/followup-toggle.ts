import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION, actionPattern } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { handleButton } from '../listener-deps';

/** Tick a post-incident duty (post-mortem written, roadmap RESULTATS updated, SLO budgets reviewed). */
export function registerFollowupToggle(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(actionPattern(ACTION.followupToggle), (args) =>
    handleButton(deps, args, (target, item, user) => deps.actions.toggleFollowup(target, item ?? '', user), {
      needsStep: true,
    }),
  );
}
