import type { IngestResult } from '../../../src/incidents/receive-batch';
import { receiveBatch } from '../../../src/incidents/receive-batch';
import type { IncidentEvent } from '../../../src/incidents/types';
import { createMemoryStore } from '../../../src/store/memory/memory-store';
import { NO_WORK } from '../../../src/incidents/ports';
import { openIncident } from '../../../src/incidents/transition';
import { alert, group } from '../../support/builders';

const T0 = Date.parse('2026-11-27T00:44:00Z');

function deps(now: number) {
  const store = createMemoryStore();
  const saves: number[] = [];
  const published: IncidentEvent[][] = [];
  const repository = store.incidents;
  const counting = Object.create(repository) as typeof repository;
  counting.save = (incident, expected, work, alerts) => {
    saves.push(incident.version);
    return repository.save(incident, expected, work, alerts);
  };
  return {
    store,
    saves,
    published,
    batch: {
      repository: counting,
      now,
      work: () => NO_WORK,
      publish: (e: IncidentEvent[]) => published.push(e),
    },
  };
}

describe('receiveBatch: deliveries of one key, in order, one read and one save', () => {
  it('opens, adds, then resolves, as if one after the other, with one save', async () => {
    const d = deps(T0);
    const groups = [
      group([alert('a')]),
      group([alert('a'), alert('b')]),
      group([alert('a', { status: 'resolved' }), alert('b', { status: 'resolved' })]),
    ];
    const results: Array<IngestResult | undefined> = groups.map(() => undefined);
    expect(await receiveBatch(groups, results, d.batch)).toBe('done');
    expect(results.map((r) => r?.outcome)).toEqual(['opened', 'updated', 'resolved']);
    expect(results.map((r) => r?.recorded)).toEqual([1, 1, 2]);
    expect(d.saves).toEqual([1]);
    const incident = await d.store.incidents.get(results[0]?.incidentId ?? '');
    expect(incident).toMatchObject({ status: 'resolved', alertTally: { firing: 0, resolved: 2 } });
    expect(d.published.flat().map((e) => e.type)).toEqual([
      'incident_opened',
      'alerts_changed',
      'alerts_changed',
      'incident_resolved',
    ]);
  });

  it('a re-fire after the reopen window saves the old incident first, then opens a new one', async () => {
    const d = deps(T0);
    const first: Array<IngestResult | undefined> = [undefined];
    await receiveBatch([group([alert('a')])], first, d.batch);
    const resolve = [group([alert('a', { status: 'resolved' })])];
    await receiveBatch(resolve, [undefined], d.batch);
    const later = { ...d.batch, now: T0 + 3 * 3_600_000 };
    const groups = [group([alert('a', { startsAt: '2026-11-27T03:00:00Z' })]), group([alert('b')])];
    const results: Array<IngestResult | undefined> = [undefined, undefined];
    expect(await receiveBatch(groups, results, later)).toBe('done');
    expect(results.map((r) => r?.outcome)).toEqual(['opened', 'updated']);
    expect(results[0]?.incidentId).not.toBe(first[0]?.incidentId);
    expect(results[1]?.incidentId).toBe(results[0]?.incidentId);
  });

  it('a lost race leaves the results of what was saved, and the rest to run again', async () => {
    const d = deps(T0);
    await receiveBatch([group([alert('a')])], [undefined], d.batch);
    const incident = (await d.store.incidents.listOpen())[0];
    const results: Array<IngestResult | undefined> = [undefined];
    // Another replica saves between this batch's read and its save.
    const racing = Object.create(d.batch.repository) as typeof d.batch.repository;
    racing.save = async (next, expected, work, alerts) => {
      if (incident !== undefined) await d.store.incidents.save({ ...incident, version: 2 }, { version: 1 });
      return d.batch.repository.save(next, expected, work, alerts);
    };
    expect(await receiveBatch([group([alert('b')])], results, { ...d.batch, repository: racing })).toBe(
      'conflict',
    );
    expect(results).toEqual([undefined]);
    expect(await receiveBatch([group([alert('b')])], results, d.batch)).toBe('done');
    expect(results[0]?.outcome).toBe('updated');
  });

  it('a delivery read before another replica opened a new incident for its key is not merged into the old one', async () => {
    const d = deps(T0);
    const first: Array<IngestResult | undefined> = [undefined];
    await receiveBatch([group([alert('a')])], first, d.batch);
    const old = first[0]?.incidentId ?? '';
    // Between this delivery's read and its save, another replica opens INC-99 for the same key.
    const racing = Object.create(d.batch.repository) as typeof d.batch.repository;
    racing.findByKeyWithStates = async (key, fingerprints) => {
      const read = await d.batch.repository.findByKeyWithStates(key, fingerprints);
      const opened = openIncident(group([alert('x')]), 'INC-99', T0);
      if (opened !== null) await d.store.incidents.save(opened.incident, { version: 0, keyOwner: old });
      return read;
    };
    const results: Array<IngestResult | undefined> = [undefined];
    expect(await receiveBatch([group([alert('b')])], results, { ...d.batch, repository: racing })).toBe(
      'conflict',
    );
    expect((await d.store.incidents.alertStates(old, ['b'])).size).toBe(0);
    // Run again, it is merged into the key's owner now.
    expect(await receiveBatch([group([alert('b')])], results, d.batch)).toBe('done');
    expect(results[0]).toMatchObject({ outcome: 'updated', incidentId: 'INC-99' });
  });
});
