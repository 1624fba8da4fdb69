import { scopeLabels, titleWithScope } from '../../../src/incidents/scope-labels';
import { policy } from '../../support/builders';

describe('an incident’s scope (its group labels)', () => {
  it('gives the labels that have a value, in the runbook’s group_by order', () => {
    expect(scopeLabels({ groupLabels: { service: 'checkout', env: '', region: 'eu' } })).toEqual([
      ['service', 'checkout'],
      ['region', 'eu'],
    ]);
  });

  it('joins them to the title as plain text, long values cut', () => {
    expect(
      titleWithScope({
        groupLabels: { service: 'checkout', env: 'prod' },
        policy: policy({ title: 'Erreurs 5xx' }),
      }),
    ).toBe('Erreurs 5xx (service=checkout, env=prod)');
    expect(titleWithScope({ groupLabels: { service: '' }, policy: policy({ title: 'Erreurs 5xx' }) })).toBe(
      'Erreurs 5xx',
    );
    const long = titleWithScope({ groupLabels: { path: 'x'.repeat(500) }, policy: policy({ title: 'T' }) });
    expect(long).toBe(`T (path=${'x'.repeat(59)}…)`);
  });
});
