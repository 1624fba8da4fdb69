import { KeyedSerializer } from '../../../src/incidents/keyed-serializer';

describe('KeyedSerializer', () => {
  it('runs one key in order, never two at once, and keeps going after a failure', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running += 1;
        expect(running).toBe(1);
        await new Promise((r) => setTimeout(r, 5));
        log.push(name);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      serializer.run('k', task('a')),
      serializer.run('k', task('b', true)),
      serializer.run('k', task('c')),
    ]);
    expect(log).toEqual(['a', 'b', 'c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await new Promise((r) => setTimeout(r, 0));
    expect(serializer.pending).toBe(0);
  });

  it('runs different keys in parallel', async () => {
    const serializer = new KeyedSerializer();
    let concurrent = 0;
    let peak = 0;
    const task = async () => {
      concurrent += 1;
      peak = Math.max(peak, concurrent);
      await new Promise((r) => setTimeout(r, 10));
      concurrent -= 1;
    };
    await Promise.all([serializer.run('a', task), serializer.run('b', task), serializer.run('c', task)]);
    expect(peak).toBe(3);
  });
});
