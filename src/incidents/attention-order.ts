import type { Incident, IncidentStatus, Severity } from './types';

/** The most severe first (0). */
export const SEVERITY_RANK: Record<Severity, number> = { SEV1: 0, SEV2: 1, warning: 2 };
const STATUS_RANK: Record<IncidentStatus, number> = { open: 0, acknowledged: 1, resolved: 2 };
const settled = (i: Incident): number => (i.status === 'resolved' ? 1 : 0);

/**
 * The order a responder reads a list of incidents in: the resolved last (a storm's digest keeps them);
 * then the most severe first, among them those nobody has taken yet, then the most recent (ties keep
 * their order: sort is stable). A list cut short (a storm) hides warnings, never a SEV1.
 */
export function byAttention(a: Incident, b: Incident): number {
  return (
    settled(a) - settled(b) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    b.openedAt - a.openedAt
  );
}
