import { OpsClient } from '../../../src/integrations/ops/ops-client';
import { redactUrl } from '../../../src/observability/redact-url';

describe('credentials in URLs never reach a card, a thread or a log', () => {
  it('strips user and password, keeps the rest', () => {
    expect(redactUrl('https://svc:s3cret@ops.jmd.example/base')).toBe('https://ops.jmd.example/base');
    expect(redactUrl('https://ops.jmd.example/')).toBe('https://ops.jmd.example/');
    expect(redactUrl('not a url')).toBe('<URL invalide>');
  });

  it("a dry run shows the request without OPS_API_URL's credentials", async () => {
    const client = new OpsClient({ baseUrl: 'https://svc:s3cret@ops.jmd.example', token: 't', dryRun: true });
    const outcome = await client.execute({
      method: 'POST',
      path: '/ops/v1/services/api/deployments/rollback',
      body: undefined,
      timeoutMs: 1000,
      idempotencyKey: 'vigie:INC-1:rollback:1',
    });
    expect(outcome.message).toBe(
      'POST https://ops.jmd.example/ops/v1/services/api/deployments/rollback (Idempotency-Key: vigie:INC-1:rollback:1)',
    );
    expect(outcome.message).not.toContain('s3cret');
  });

  it('a refused connection names the host without its credentials', async () => {
    const client = new OpsClient({ baseUrl: 'http://svc:s3cret@127.0.0.1:9', token: 't', dryRun: false });
    const outcome = await client.execute({
      method: 'POST',
      path: '/x',
      body: undefined,
      timeoutMs: 1000,
      idempotencyKey: 'k',
    });
    // Refused: a reason code, and nothing carrying the URL (so nothing carrying its credentials).
    expect(outcome.reason).toEqual({ code: 'connection_refused' });
    expect(JSON.stringify(outcome)).not.toContain('s3cret');
    expect(outcome.unknown).toBe(false);
  });
});
