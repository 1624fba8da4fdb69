import { escalationEffects } from './escalation/effects';
import type { DurableWork } from './incidents/ports';
import type { Incident, IncidentEvent } from './incidents/types';
import { verificationEffects } from './verification/verification-effects';

/** The durable work of a change: escalation timers and deliveries, and mitigation verdict timers. */
export function allEffects(incident: Incident, events: IncidentEvent[]): DurableWork {
  const escalation = escalationEffects(incident, events);
  const verification = verificationEffects(incident, events);
  return {
    schedule: [...escalation.schedule, ...verification.schedule],
    cancel: [...escalation.cancel, ...verification.cancel],
  };
}
