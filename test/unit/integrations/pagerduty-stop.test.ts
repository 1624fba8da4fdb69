import {
  DeliveryInterruptedError,
  PagerDutyClient,
} from '../../../src/integrations/pagerduty/pagerduty-client';

describe('PagerDutyClient when Vigie stops', () => {
  it('an event waiting for its next attempt stops waiting and is left undecided (not failed)', async () => {
    // Nothing listens on port 9: the first attempt fails, the next would come in a minute.
    const client = new PagerDutyClient({
      url: 'http://127.0.0.1:9/v2/enqueue',
      retryDelaysMs: [60_000],
      timeoutMs: 1000,
    });
    const sent = client.send({
      routingKey: 'rk',
      action: 'trigger',
      dedupKey: 'INC-1/tech-lead/1',
      summary: 's',
      severity: 'error',
      source: 'vigie',
      links: [],
      customDetails: {},
    });
    const outcome = sent.then(
      () => 'decided',
      (error: unknown) => error,
    );
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    client.stop();
    expect(await outcome).toBeInstanceOf(DeliveryInterruptedError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
