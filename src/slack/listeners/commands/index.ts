import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps';
import { registerIncidentCommand } from './incident-command';

export function register(app: App, deps: ListenerDeps): void {
  registerIncidentCommand(app, deps);
}
