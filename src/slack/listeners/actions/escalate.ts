import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION, actionPattern } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { handleButton } from '../listener-deps';

/** A card button for an escalation step a person triggers (e.g. « Cause infra » → DevOps). */
export function registerEscalate(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(actionPattern(ACTION.escalate), (args) =>
    handleButton(deps, args, (target, step, user) => deps.actions.escalate(target, user, step), {
      needsStep: true,
    }),
  );
}
