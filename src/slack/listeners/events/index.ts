import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps';
import { registerAppMention } from './app-mention';

export function register(app: App, deps: ListenerDeps): void {
  registerAppMention(app, deps);
}
