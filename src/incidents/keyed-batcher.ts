/**
 * Runs the items of one key in batches, one batch at a time, and different keys in parallel: while a
 * key's batch runs, the items that arrive for it wait, then run together as the next batch. Within one
 * process this turns concurrent deliveries for one incident into one read and one save per batch
 * instead of a queue of read-modify-writes; across replicas the version check still arbitrates.
 */
export class KeyedBatcher<Item, Result> {
  private readonly waiting = new Map<
    string,
    Array<{ item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void }>
  >();

  /**
   * `process` gets a key's items in arrival order and returns one result per item, in that order.
   * `gather`, when given, is awaited before a key's first batch is taken, so that items of one moment
   * (the due timers of one claim, each handed over on its own) form one batch instead of a first item
   * alone and the rest after it; the caller says how long a moment is (a failed wait is no wait).
   */
  constructor(
    private readonly process: (key: string, items: Item[]) => Promise<Result[]>,
    private readonly gather?: () => Promise<void>,
  ) {}

  run(key: string, item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const queued = this.waiting.get(key);
      if (queued !== undefined) {
        queued.push({ item, resolve, reject });
        return;
      }
      this.waiting.set(key, [{ item, resolve, reject }]);
      void this.drain(key);
    });
  }

  /** Keys with a batch running or waiting. */
  get pending(): number {
    return this.waiting.size;
  }

  private async drain(key: string): Promise<void> {
    if (this.gather !== undefined) await this.gather().catch(() => undefined);
    for (;;) {
      const batch = this.waiting.get(key) ?? [];
      if (batch.length === 0) {
        this.waiting.delete(key);
        return;
      }
      // Items arriving from now on form the next batch.
      this.waiting.set(key, []);
      try {
        const results = await this.process(
          key,
          batch.map((b) => b.item),
        );
        batch.forEach((b, i) => {
          const result = results[i];
          if (result === undefined) b.reject(new Error(`keyed batch: no result for item ${i} of ${key}`));
          else b.resolve(result);
        });
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
  }
}
