import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps';
import { registerDeclareSubmit } from './declare-submit';
import { registerResolveSubmit } from './resolve-submit';

export function register(app: App, deps: ListenerDeps): void {
  registerResolveSubmit(app, deps);
  registerDeclareSubmit(app, deps);
}
