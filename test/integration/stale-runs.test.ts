import { failStaleRuns } from '../../src/responders/stale-runs';
import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, startHarness } from '../support/harness';

describe('a mitigation whose replica died', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('is marked failed once long past its timeout, and the card offers a retry', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    // As if a replica had started the rollback, then died before recording any outcome.
    await h.vigie.service.execute('INC-1', {
      type: 'start_mitigation',
      actor: 'U0SRE0001',
      mitigationId: 'rollback',
      staleAfterMs: 90_000,
    });
    const sweep = (at: number) =>
      failStaleRuns({
        incidents: h.store.incidents,
        service: h.vigie.service,
        registry: h.vigie.registry,
        clock: { now: () => at },
      });

    expect(await sweep(Date.now() + 60_000)).toBe(0); // rollback's timeout is 30 s, plus a minute of grace
    expect(await sweep(Date.now() + 91_000)).toBe(1);
    await h.emulator.waitFor(
      () => blockText(card).includes('interrompue : aucun résultat'),
      5000,
      'failure on the card',
    );
    expect(blockText(card)).toContain('Réessayer : Rollback');
    expect((await h.store.incidents.get('INC-1'))?.mitigations.rollback?.[0]).toMatchObject({
      status: 'failed',
      reason: { code: 'interrupted' },
    });
    expect(await sweep(Date.now() + 200_000)).toBe(0);
  });
});
