import { KeyedLock } from '../../../src/incidents/keyed-lock';

/** A task that runs until `finish` is called, noting when it started and ended. */
function gated(log: string[], name: string) {
  let finish: (value: string) => void = () => undefined;
  const done = new Promise<string>((resolve) => {
    finish = resolve;
  });
  return {
    task: async () => {
      log.push(`${name} start`);
      const value = await done;
      log.push(`${name} end`);
      return value;
    },
    finish: (value = name) => finish(value),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  it('runs the tasks of one key one at a time, in arrival order, with their own results', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const [a, b, c] = [gated(log, 'a'), gated(log, 'b'), gated(log, 'c')];
    const results = [lock.run('k', a.task), lock.run('k', b.task), lock.run('k', c.task)];
    await turn();
    expect(log).toEqual(['a start']);
    expect(lock.held).toBe(1);
    b.finish();
    a.finish();
    c.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    await turn();
    expect(lock.held).toBe(0);
  });

  it('runs tasks of different keys side by side', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const [a, b] = [gated(log, 'a'), gated(log, 'b')];
    const results = [lock.run('k1', a.task), lock.run('k2', b.task)];
    await turn();
    expect(log).toEqual(['a start', 'b start']);
    a.finish();
    b.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b']);
  });

  it('says whether a key has a task running or waiting', async () => {
    const lock = new KeyedLock();
    const a = gated([], 'a');
    expect(lock.busy('k')).toBe(false);
    const result = lock.run('k', a.task);
    expect(lock.busy('k')).toBe(true);
    expect(lock.busy('other')).toBe(false);
    a.finish();
    await result;
    await turn();
    expect(lock.busy('k')).toBe(false);
  });

  it('a task that fails gives its error to its caller and the turn to the next task', async () => {
    const lock = new KeyedLock();
    const failing = lock.run('k', () => Promise.reject(new Error('redis down')));
    const next = lock.run('k', () => Promise.resolve('ran'));
    await expect(failing).rejects.toThrow('redis down');
    expect(await next).toBe('ran');
  });
});
