import { LoopSlicer } from '../../../src/store/loop-slicer';

describe('background work sharing the event loop', () => {
  it('goes on at once within the current slice, before anything the loop has pending', async () => {
    const slicer = new LoopSlicer(60_000);
    const order: string[] = [];
    setImmediate(() => order.push('pending I/O'));
    await slicer.turn();
    order.push('background');
    expect(order).toEqual(['background']);
  });

  it('past its slice, waits until the loop has served what was pending, then goes in order', async () => {
    const slicer = new LoopSlicer(0);
    const order: string[] = [];
    setImmediate(() => order.push('pending I/O'));
    await Promise.all(
      ['first', 'second', 'third'].map(async (name) => {
        await slicer.turn();
        order.push(name);
      }),
    );
    expect(order).toEqual(['pending I/O', 'first', 'second', 'third']);
  });

  it('gives the loop a turn between pieces once a slice is used up', async () => {
    const slicer = new LoopSlicer(0);
    const order: string[] = [];
    const piece = async (name: string) => {
      await slicer.turn();
      order.push(name);
      // Work arriving meanwhile (a click) is served before the next piece.
      setImmediate(() => order.push(`request after ${name}`));
    };
    await Promise.all([piece('a'), piece('b')]);
    await new Promise((r) => setImmediate(r));
    expect(order.indexOf('request after a')).toBeLessThan(order.indexOf('b'));
  });
});
