/**
 * Runs the tasks of one key one at a time, in arrival order, and tasks of different keys in parallel.
 * Within one process, an incident's writers take turns on its key: its deliveries, and its commands (a
 * responder's, a timer's, a page's record). Before, a command tried first outside the turns: during
 * a storm it lost its save to the deliveries' saves again and again, or won it between a delivery
 * batch's read and save, and the batch re-read and re-merged its alerts (60 lost saves in the storm
 * benchmark; 1 or 2 since). Across replicas the version check still arbitrates. A task must not wait
 * on another task of its own key (it would wait for itself).
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Whether a task of `key` is running or waiting (one queued now waits for it). */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  /** Keys with a task running or waiting. */
  get held(): number {
    return this.tails.size;
  }
}
