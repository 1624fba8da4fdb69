import type { App } from '@slack/bolt';
import { inChannel } from '../../../incidents/incident-search';
import { renderIncidentList } from '../../blocks/command-replies';
import type { ListenerDeps } from '../listener-deps';

/** "@Vigie" in a channel: the channel's open incidents, answered in the mention's thread. */
export function registerAppMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, client, say }) => {
    const info = await client.conversations.info({ channel: event.channel });
    const here = inChannel(await deps.incidents.listOpen(), event.channel, info.channel?.name ?? '');
    const reply = renderIncidentList(here, deps.locale);
    await say({ text: reply.text, blocks: reply.blocks, thread_ts: event.thread_ts ?? event.ts });
  });
}
