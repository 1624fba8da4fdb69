import type { DurableWork } from './incidents/ports';

/** A worker that looks for due work at once when told (see QueueWorker.wake). */
export interface Wakeable {
  wake(): void;
}

/**
 * Wakes the workers a save made in this process gave something to do now: the card's worker always
 * (every save marks its card), the others only when the save's durable work has an entry of their queue
 * due by `now` (a timer re-armed for later is found by the worker's own polling, as before). In a storm
 * an incident is saved every few milliseconds, mostly with nothing due but its card: waking every
 * worker for each save cost four empty claims (a Redis round trip each) per save.
 */
export function wakeWorkers(
  work: DurableWork,
  now: number,
  cards: Wakeable,
  byQueue: ReadonlyMap<string, Wakeable>,
): void {
  cards.wake();
  const woken = new Set<Wakeable>();
  for (const { queue, dueAt } of work.schedule) {
    if (dueAt > now) continue;
    const worker = byQueue.get(queue);
    if (worker === undefined || woken.has(worker)) continue;
    woken.add(worker);
    worker.wake();
  }
}
