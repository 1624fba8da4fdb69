/**
 * Runs tasks for the same key one after another, tasks for different keys in parallel. Within one
 * process this turns concurrent deliveries for one incident into a queue instead of a storm of
 * optimistic-concurrency retries (each re-reading the whole incident); across replicas the version
 * check still arbitrates.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
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

  get pending(): number {
    return this.tails.size;
  }
}
