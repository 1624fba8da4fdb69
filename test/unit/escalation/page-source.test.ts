import { pageSource } from '../../../src/escalation/pager';
import { policy } from '../../support/builders';

describe('pageSource (PagerDuty says where the trouble is)', () => {
  it('is the scope labels that have a value, in group_by order', () => {
    const source = pageSource({
      groupLabels: { service: 'checkout', env: 'prod', region: '' },
      policy: policy({ runbookId: 'api.5xx' }),
    });
    expect(source).toBe('service=checkout, env=prod');
  });

  it('is the runbook when the incident has no scope label', () => {
    expect(pageSource({ groupLabels: {}, policy: policy({ runbookId: 'audit.job.failure' }) })).toBe(
      'audit.job.failure',
    );
  });

  it('is Vigie only for an incident with neither labels nor runbook', () => {
    expect(pageSource({ groupLabels: {}, policy: policy({ runbookId: null }) })).toBe('vigie');
  });
});
