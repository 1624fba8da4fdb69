import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps';
import { registerAcknowledge } from './acknowledge';
import { registerDigestOpen } from './digest-open';
import { registerEscalate } from './escalate';
import { registerFollowupToggle } from './followup-toggle';
import { registerMitigate } from './mitigate';
import { registerResolve } from './resolve';
import { registerTriageToggle } from './triage-toggle';

export function register(app: App, deps: ListenerDeps): void {
  registerAcknowledge(app, deps);
  registerResolve(app, deps);
  registerTriageToggle(app, deps);
  registerMitigate(app, deps);
  registerEscalate(app, deps);
  registerFollowupToggle(app, deps);
  registerDigestOpen(app, deps);
}
