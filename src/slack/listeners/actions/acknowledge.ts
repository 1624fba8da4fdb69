import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { handleButton } from '../listener-deps';

/** "Prendre en charge" on the card. */
export function registerAcknowledge(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ACTION.acknowledge, (args) =>
    handleButton(deps, args, (target, _step, user) => deps.actions.acknowledge(target, user)),
  );
}
