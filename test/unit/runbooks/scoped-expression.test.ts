import {
  breaches,
  escapeRegex,
  promString,
  scopeExpression,
  splitThreshold,
} from '../../../src/runbooks/scoped-expression';

describe('a trigger expression split into value and threshold', () => {
  it.each([
    ['sum by (service, env, path) (increase(api_request_errors_total{code=~"5.."}[5m])) > 0', '>', 0],
    ['histogram_quantile(0.95, sum by (le, service) (rate(x_bucket[5m]))) > 0.2', '>', 0.2],
    ['sum by (service, env, connector) (calendar_sync_pending_exports) >= 1', '>=', 1],
  ])('%s', (expr, comparison, threshold) => {
    const split = splitThreshold(expr);
    expect(split).toMatchObject({ comparison, threshold });
    expect(`${split?.value} ${comparison} ${threshold}`).toBe(expr);
  });

  it('has nothing to split without a threshold', () => {
    expect(splitThreshold('up')).toBeUndefined();
    expect(splitThreshold('> 0')).toBeUndefined();
  });

  it('tells whether a value still breaches', () => {
    expect(breaches(0.2, '>', 0)).toBe(true);
    expect(breaches(0, '>', 0)).toBe(false);
    expect(breaches(1, '>=', 1)).toBe(true);
    expect(breaches(0.19, '>', 0.2)).toBe(false);
  });
});

describe('an expression scoped to one incident', () => {
  it('adds the incident’s labels to every selector, keeping the selector’s own matchers', () => {
    const expr = 'sum by (service, env, path) (increase(api_request_errors_total{code=~"5.."}[5m]))';
    expect(scopeExpression(expr, { service: 'backend-api', env: 'prod' })).toBe(
      'sum by (service, env, path) (increase(api_request_errors_total{code=~"5..", service="backend-api", env="prod"}[5m]))',
    );
  });

  it('scopes bare selectors, both sides of a division, and leaves functions, label lists and durations alone', () => {
    const expr =
      'sum(rate(errors_total[5m])) by (service) / on(service) group_left sum(rate(requests_total[5m])) by (service)';
    expect(scopeExpression(expr, { service: 'api' })).toBe(
      'sum(rate(errors_total{service="api"}[5m])) by (service) / on(service) group_left sum(rate(requests_total{service="api"}[5m])) by (service)',
    );
    expect(
      scopeExpression('histogram_quantile(0.95, sum by (le) (rate(d_bucket[5m] offset 1h)))', {
        env: 'prod',
      }),
    ).toBe('histogram_quantile(0.95, sum by (le) (rate(d_bucket{env="prod"}[5m] offset 1h)))');
  });

  it('several items become one anchored alternative, every regex character escaped', () => {
    const scoped = scopeExpression('errors_total', { path: ['/api/v1/planning', '/api/(v2)|x.*'] });
    expect(scoped).toBe('errors_total{path=~"/api/v1/planning|/api/\\\\(v2\\\\)\\\\|x\\\\.\\\\*"}');
    expect(escapeRegex('a.b|c')).toBe('a\\.b\\|c');
  });

  it('quotes and backslashes in a value cannot break out of the string', () => {
    expect(promString('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(scopeExpression('m{a="x"}', { service: 'we"ird\\' })).toBe('m{a="x", service="we\\"ird\\\\"}');
  });

  it('an empty value matches series without the label (PromQL’s own rule), and an empty scope changes nothing', () => {
    expect(scopeExpression('m', { env: '' })).toBe('m{env=""}');
    expect(scopeExpression('m > 0', {})).toBe('m > 0');
  });

  it('strings inside selectors are not mistaken for metrics', () => {
    expect(scopeExpression('m{job="sum(x)"}', { env: 'prod' })).toBe('m{job="sum(x)", env="prod"}');
  });
});
