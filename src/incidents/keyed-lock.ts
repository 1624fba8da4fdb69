/**
 * Runs the tasks of one key one at a time, in arrival order, and tasks of different keys in parallel.
 * Within one process, an incident's deliveries take turns on its key, and so does a command (a
 * responder's, a timer's, a page's record) once it has lost a save: during a storm a timer or a page's
 * record otherwise lost its save to the deliveries' saves again and again before it landed. Across
 * replicas the version check still arbitrates. A task must not wait on another task of its own key
 * (it would wait for itself).
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

  /** Keys with a task running or waiting. */
  get held(): number {
    return this.tails.size;
  }
}
