import { KeyedBatcher } from '../../../src/incidents/keyed-batcher';

describe('KeyedBatcher', () => {
  it('runs the first item at once and what arrives meanwhile as one batch, in order', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new KeyedBatcher<string, string>(async (_key, items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items.map((i) => `done:${i}`);
    });
    const first = batcher.run('k', 'a');
    const later = ['b', 'c', 'd'].map((i) => batcher.run('k', i));
    release();
    expect(await first).toBe('done:a');
    expect(await Promise.all(later)).toEqual(['done:b', 'done:c', 'done:d']);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(batcher.pending).toBe(0);
  });

  it('with a gather, takes what arrives within it into the first batch', async () => {
    const batches: string[][] = [];
    const batcher = new KeyedBatcher<string, string>(
      (_key, items) => {
        batches.push(items);
        return Promise.resolve(items.map((i) => `done:${i}`));
      },
      () => new Promise<void>((resolve) => setImmediate(resolve)),
    );
    // Handed over one by one, a promise hop apart, as a worker hands over the members of one claim.
    const results = ['a', 'b', 'c'].map(async (i, n) => {
      for (let hop = 0; hop < n; hop += 1) await Promise.resolve();
      return batcher.run('k', i);
    });
    expect(await Promise.all(results)).toEqual(['done:a', 'done:b', 'done:c']);
    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(batcher.pending).toBe(0);
  });

  it('runs different keys in parallel', async () => {
    const running = new Set<string>();
    let overlapped = false;
    const batcher = new KeyedBatcher<string, number>(async (key, items) => {
      running.add(key);
      if (running.size > 1) overlapped = true;
      await new Promise((r) => setTimeout(r, 20));
      running.delete(key);
      return items.map(() => 1);
    });
    await Promise.all([batcher.run('k1', 'a'), batcher.run('k2', 'b')]);
    expect(overlapped).toBe(true);
  });

  it('a failed batch fails each of its items, and the next batch still runs', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new KeyedBatcher<string, string>(async (_key, items) => {
      calls += 1;
      if (calls === 1) {
        await gate;
        throw new Error('store down');
      }
      return items;
    });
    const failing = batcher.run('k', 'a');
    const next = batcher.run('k', 'b');
    release();
    await expect(failing).rejects.toThrow('store down');
    expect(await next).toBe('b');
  });
});
