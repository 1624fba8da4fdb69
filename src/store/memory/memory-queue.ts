import type { CardSyncQueue, ClaimedWork } from '../store';

/** A Redis sorted set's order: by due time, then by member. */
const byDueThenMember = (a: [string, number], b: [string, number]): number =>
  a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export class MemoryWorkQueue implements CardSyncQueue {
  private readonly due = new Map<string, number>();
  private readonly leased = new Map<string, number>();
  /** Members marked urgently since they were last claimed (see CardSyncQueue). */
  private readonly urgent = new Set<string>();

  schedule(member: string, dueAt: number): Promise<void> {
    this.scheduleNow(member, dueAt);
    return Promise.resolve();
  }

  scheduleMany(entries: ClaimedWork[]): Promise<void> {
    for (const { member, dueAt } of entries) this.scheduleNow(member, dueAt);
    return Promise.resolve();
  }

  scheduleNow(member: string, dueAt: number): void {
    const existing = this.due.get(member);
    if (existing === undefined || dueAt < existing) this.due.set(member, dueAt);
  }

  mark(member: string, at: number, urgent: boolean): Promise<void> {
    this.markNow(member, at, urgent);
    return Promise.resolve();
  }

  markNow(member: string, at: number, urgent: boolean): void {
    if (urgent) {
      this.urgent.add(member);
      this.scheduleNow(member, at);
    } else if (!this.due.has(member)) this.due.set(member, at);
  }

  hold(member: string, until: number): Promise<void> {
    this.leased.delete(member);
    if (this.urgent.has(member)) this.scheduleNow(member, until);
    else this.due.set(member, until);
    return Promise.resolve();
  }

  claim(now: number, leaseMs: number, limit: number): Promise<ClaimedWork[]> {
    for (const [member, until] of this.leased) {
      if (until <= now) {
        this.leased.delete(member);
        this.scheduleNow(member, now);
      }
    }
    const ready = [...this.due.entries()]
      .filter(([member, at]) => at <= now && !this.leased.has(member))
      .sort(byDueThenMember)
      .slice(0, limit)
      .map(([member, dueAt]) => ({ member, dueAt }));
    for (const { member } of ready) {
      this.due.delete(member);
      this.urgent.delete(member);
      this.leased.set(member, now + leaseMs);
    }
    return Promise.resolve(ready);
  }

  complete(member: string): Promise<void> {
    this.leased.delete(member);
    return Promise.resolve();
  }

  retry(member: string, dueAt: number): Promise<void> {
    this.leased.delete(member);
    this.scheduleNow(member, dueAt);
    return Promise.resolve();
  }

  cancel(member: string): void {
    this.due.delete(member);
  }

  overdue(before: number, limit: number): Promise<ClaimedWork[]> {
    const late = [...this.due.entries()]
      .filter(([member, at]) => at < before && !this.leased.has(member))
      .sort(byDueThenMember)
      .slice(0, limit)
      .map(([member, dueAt]) => ({ member, dueAt }));
    return Promise.resolve(late);
  }

  counts(): Promise<{ due: number; leased: number }> {
    return Promise.resolve({ due: this.due.size, leased: this.leased.size });
  }
}
