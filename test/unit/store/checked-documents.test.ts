import { CheckedDocuments } from '../../../src/store/redis/checked-documents';

describe('CheckedDocuments', () => {
  it('knows the last text remembered for an incident, and only that text', () => {
    const checked = new CheckedDocuments();
    expect(checked.isKnown('INC-1', '{"v":1}')).toBe(false);
    checked.remember('INC-1', '{"v":1}');
    expect(checked.isKnown('INC-1', '{"v":1}')).toBe(true);
    expect(checked.isKnown('INC-1', '{"v":1} ')).toBe(false);
    expect(checked.isKnown('INC-2', '{"v":1}')).toBe(false);
    checked.remember('INC-1', '{"v":2}');
    expect(checked.isKnown('INC-1', '{"v":1}')).toBe(false);
    expect(checked.isKnown('INC-1', '{"v":2}')).toBe(true);
  });

  it('forgets the least recently remembered incident beyond 50,000', () => {
    const checked = new CheckedDocuments();
    for (let i = 0; i < 50_000; i += 1) checked.remember(`INC-${i}`, 'doc');
    checked.remember('INC-0', 'doc'); // remembered again: now the most recent
    checked.remember('INC-50000', 'doc');
    expect(checked.isKnown('INC-0', 'doc')).toBe(true);
    expect(checked.isKnown('INC-1', 'doc')).toBe(false);
    expect(checked.isKnown('INC-50000', 'doc')).toBe(true);
  });
});
