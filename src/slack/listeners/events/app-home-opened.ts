import type { App } from '@slack/bolt';
import { renderHomeView } from '../../blocks/home-view';
import type { ListenerDeps } from '../listener-deps';

/** The Home tab is rendered when opened: it always shows the incidents open right now. */
export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({
      user_id: event.user,
      view: renderHomeView(await deps.incidents.listOpen(), deps.locale, Date.now(), deps.slo.current()),
    });
  });
}
