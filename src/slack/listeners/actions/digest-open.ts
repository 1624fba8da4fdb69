import type { App, BlockStaticSelectAction } from '@slack/bolt';
import { ACTION } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { refusalMessage, replyPrivately } from '../listener-deps';

/** The storm digest's menu: the picked incident gets its own card. */
export function registerDigestOpen(app: App, deps: ListenerDeps): void {
  app.action<BlockStaticSelectAction>(ACTION.digestOpen, async ({ ack, action, body, respond }) => {
    await ack();
    const incidentId = action.selected_option.value;
    if (!/^INC-\d+$/.test(incidentId))
      return replyPrivately(respond, refusalMessage({ code: 'bad_value' }, deps));
    const result = await deps.openCardFromDigest(incidentId, body.user.id);
    if (!result.ok) await replyPrivately(respond, refusalMessage(result.refusal, deps));
  });
}
