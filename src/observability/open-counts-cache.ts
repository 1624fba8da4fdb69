import type { IncidentEvent } from '../incidents/types';

export type OpenCounts = Array<{ runbook: string; severity: string; count: number }>;

/** How old the counts a scrape shows may be when this process changed none of them (other replicas'). */
export const OPEN_COUNTS_MAX_AGE_MS = 15_000;

/** Events after which the open counts differ: an incident opened, reopened, resolved or re-graded. */
export const changesOpenCounts = (event: IncidentEvent): boolean =>
  event.type === 'incident_opened' ||
  event.type === 'incident_reopened' ||
  event.type === 'incident_resolved' ||
  (event.type === 'escalation_fired' && event.step.sets.severity !== undefined);

/**
 * The open-incident counts Redis keeps, for the gauge: read again when this process changed them or
 * when they are older than OPEN_COUNTS_MAX_AGE_MS, otherwise the last read. A scrape then costs no
 * Redis round trip while Vigie is busy with work that moves no count (a restart delivering thousands
 * of pages): one turn of the event loop instead of two or three.
 */
export class OpenCountsCache {
  private counts: OpenCounts | undefined;
  private readAt = 0;
  private changed = true;

  constructor(
    private readonly read: () => Promise<OpenCounts>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Events saved by this process: a count they change is read again at the next scrape. */
  saw(events: IncidentEvent[]): void {
    if (events.some(changesOpenCounts)) this.changed = true;
  }

  async current(): Promise<OpenCounts> {
    if (!this.changed && this.counts !== undefined && this.now() - this.readAt < OPEN_COUNTS_MAX_AGE_MS)
      return this.counts;
    // Cleared before the read: a change saved while it runs is read again next time.
    this.changed = false;
    try {
      this.counts = await this.read();
      this.readAt = this.now();
      return this.counts;
    } catch {
      // Redis down: no figure rather than an old one (the store's own metrics say why).
      this.changed = true;
      this.counts = undefined;
      return [];
    }
  }
}
