import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps';
import { registerAppHomeOpened } from './app-home-opened';
import { registerAppMention } from './app-mention';

export function register(app: App, deps: ListenerDeps): void {
  registerAppMention(app, deps);
  registerAppHomeOpened(app, deps);
}
