import { scopeLabels, titleWithScope } from '../../../src/incidents/scope-labels';
import { policy } from '../../support/builders';

const titled = (groupLabels: Record<string, string>, summary?: string) =>
  titleWithScope({ groupLabels, summary, policy: policy({ title: 'Erreurs 5xx' }) });

describe('an incident’s scope (its group labels)', () => {
  it('gives the labels that have a value, in the runbook’s group_by order', () => {
    expect(scopeLabels({ groupLabels: { service: 'checkout', env: '', region: 'eu' } })).toEqual([
      ['service', 'checkout'],
      ['region', 'eu'],
    ]);
  });

  it('joins them to the title as plain text, long values cut', () => {
    expect(titled({ service: 'checkout', env: 'prod' })).toBe('Erreurs 5xx (service=checkout, env=prod)');
    expect(titled({ service: '' })).toBe('Erreurs 5xx');
    expect(titled({ path: 'x'.repeat(500) })).toBe(`Erreurs 5xx (path=${'x'.repeat(59)}…)`);
  });

  it('a declared incident (no labels) is about what its declarer said', () => {
    expect(titled({}, '  Panne totale sur checkout ')).toBe('Erreurs 5xx (Panne totale sur checkout)');
    expect(titled({}, 'y'.repeat(300))).toBe(`Erreurs 5xx (${'y'.repeat(79)}…)`);
    expect(titled({ service: 'checkout' }, 'ignored: the labels say it')).toBe(
      'Erreurs 5xx (service=checkout)',
    );
  });
});
