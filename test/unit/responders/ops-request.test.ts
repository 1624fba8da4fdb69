import { buildOpsRequest } from '../../../src/integrations/ops/ops-request';

describe('buildOpsRequest', () => {
  it('fills path (URL-encoded) and body from the incident, with an idempotency key per run', () => {
    const request = buildOpsRequest(
      {
        type: 'http',
        method: 'POST',
        path: '/api/v1/audit/organizations/{{labels.org}}/retention/run',
        body: { org: '{{labels.org}}', force: true, n: 5 },
        timeout: 1000,
      },
      { labels: { org: 'org/../../admin' } },
      'INC-4',
      'rerun-retention-job',
      2,
    );
    expect(request).toEqual({
      method: 'POST',
      path: '/api/v1/audit/organizations/org%2F..%2F..%2Fadmin/retention/run',
      body: { org: 'org/../../admin', force: true, n: 5 },
      timeoutMs: 1000,
      idempotencyKey: 'vigie:INC-4:rerun-retention-job:2',
    });
  });

  it.each(['..', '.', ''])(
    'refuses a path variable of « %s » before any call (a dot segment moves the route)',
    (service) => {
      const request = buildOpsRequest(
        {
          type: 'http',
          method: 'POST',
          path: '/ops/v1/services/{{labels.service}}/deployments/rollback',
          body: undefined,
          timeout: 1000,
        },
        { labels: { service } },
        'INC-1',
        'rollback',
        1,
      );
      expect('refused' in request ? request.refused : 'sent').toEqual({
        variable: 'labels.service',
        value: service,
      });
    },
  );
});
