import type { DurableWork } from '../incidents/ports';
import type { Incident, IncidentEvent } from '../incidents/types';
import { verificationOf } from '../incidents/verification';

/** The durable timer queue of verifications: one member per run judged, due at its verdict time. */
export const VERIFY_QUEUE = 'verifications';

export const verifyMember = (incidentId: string, mitigationId: string, run: number): string =>
  `${incidentId}|${mitigationId}|${run}`;

export function parseVerifyMember(
  member: string,
): { incidentId: string; mitigationId: string; run: number } | undefined {
  const [incidentId, mitigationId, run] = member.split('|');
  if (incidentId === undefined || mitigationId === undefined || run === undefined || !/^\d+$/.test(run))
    return undefined;
  return { incidentId, mitigationId, run: Number(run) };
}

/**
 * A mitigation that succeeded and began its check arms the verdict's timer, in the same atomic save
 * as the incident (restart- and replica-safe; the queue's lease means one replica judges it).
 */
export function verificationEffects(incident: Incident, events: IncidentEvent[]): DurableWork {
  const work: DurableWork = { schedule: [], cancel: [] };
  for (const event of events) {
    if (event.type !== 'mitigation_finished' || event.run.status !== 'succeeded') continue;
    const verification = verificationOf(incident, event.mitigationId, event.run.number);
    if (verification?.status !== 'pending') continue;
    work.schedule.push({
      queue: VERIFY_QUEUE,
      member: verifyMember(incident.id, event.mitigationId, event.run.number),
      dueAt: verification.until,
    });
  }
  return work;
}
