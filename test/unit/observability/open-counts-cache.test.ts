import type { OpenCounts } from '../../../src/observability/open-counts-cache';
import { OPEN_COUNTS_MAX_AGE_MS, OpenCountsCache } from '../../../src/observability/open-counts-cache';
import { alert, group, openWith } from '../../support/builders';

function counting(answers: Array<OpenCounts | Error>) {
  let reads = 0;
  const read = () => {
    const answer = answers[Math.min(reads, answers.length - 1)];
    reads += 1;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer ?? []);
  };
  return { read, reads: () => reads };
}

const one: OpenCounts = [{ runbook: 'api.5xx', severity: 'SEV2', count: 1 }];
const two: OpenCounts = [{ runbook: 'api.5xx', severity: 'SEV2', count: 2 }];

describe('the open counts a scrape shows', () => {
  const incident = openWith(group([alert('a')]));
  let now = 0;

  it('are read once, then reused while this process changes none of them', async () => {
    const redis = counting([one, two]);
    const cache = new OpenCountsCache(redis.read, () => now);
    expect(await cache.current()).toEqual(one);
    cache.saw([{ type: 'incident_acknowledged', incident, by: 'U1' }]);
    expect(await cache.current()).toEqual(one);
    expect(redis.reads()).toBe(1);
  });

  it('are read again after this process opened, resolved or re-graded an incident', async () => {
    const redis = counting([one, two]);
    const cache = new OpenCountsCache(redis.read, () => now);
    await cache.current();
    cache.saw([{ type: 'incident_opened', incident }]);
    expect(await cache.current()).toEqual(two);
    expect(redis.reads()).toBe(2);
  });

  it('are read again once older than the bound (other replicas change them too)', async () => {
    const redis = counting([one, two]);
    const cache = new OpenCountsCache(redis.read, () => now);
    await cache.current();
    now += OPEN_COUNTS_MAX_AGE_MS;
    expect(await cache.current()).toEqual(two);
  });

  it('show nothing while Redis fails, and are read again at the next scrape', async () => {
    const redis = counting([one, new Error('redis down'), two]);
    const cache = new OpenCountsCache(redis.read, () => now);
    await cache.current();
    cache.saw([{ type: 'incident_resolved', incident, by: 'alertmanager' }]);
    expect(await cache.current()).toEqual([]);
    expect(await cache.current()).toEqual(two);
  });
});
