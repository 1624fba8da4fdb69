import type { App } from '@slack/bolt';
import type { IncidentCommandDeps } from './incident-command';
import { registerIncidentCommand } from './incident-command';

export type CommandDeps = IncidentCommandDeps;

export function register(app: App, deps: CommandDeps): void {
  registerIncidentCommand(app, deps);
}
