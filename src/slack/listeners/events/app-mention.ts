import type { App } from '@slack/bolt';
import { renderIncidentList } from '../../blocks/command-replies';
import type { ListenerDeps } from '../listener-deps';

/** "@Vigie" in a channel: the channel's open incidents, answered in the mention's thread. */
export function registerAppMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, client, say }) => {
    const info = await client.conversations.info({ channel: event.channel });
    const here = await deps.actions.openIncidentsIn(event.channel, info.channel?.name ?? '');
    const reply = renderIncidentList(here, deps.locale);
    await say({ text: reply.text, blocks: reply.blocks, thread_ts: event.thread_ts ?? event.ts });
  });
}
