import { pathOf } from '../../../src/http/server';

describe('pathOf (the route a request target asks for)', () => {
  it('cuts a plain origin-form target at its query', () => {
    expect(pathOf('/alerts')).toBe('/alerts');
    expect(pathOf('/slack/events?retry=1')).toBe('/slack/events');
    expect(pathOf('/sandbox/')).toBe('/sandbox/');
  });

  it('parses and normalises any other form as a URL', () => {
    expect(pathOf('/slack/../alerts')).toBe('/alerts');
    expect(pathOf('http://vigie.jmd.example/alerts?x=1')).toBe('/alerts');
    expect(pathOf('/al%65rts')).toBe('/al%65rts');
    expect(pathOf('//elsewhere/alerts')).toBe('/alerts');
  });

  it('is undefined for a target that is not a URL', () => {
    expect(pathOf('http://%zz/')).toBeUndefined();
    expect(pathOf(undefined)).toBeUndefined();
  });
});
