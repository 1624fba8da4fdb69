import { evictionRisk } from '../../../src/store/redis/memory-policy';

const MB = 1024 * 1024;

describe("what Redis's maxmemory-policy risks for Vigie's data", () => {
  it('nothing under noeviction (writes refused, Alertmanager retries), nor without a memory limit', () => {
    expect(evictionRisk({ policy: 'noeviction', maxmemoryBytes: 512 * MB })).toBeUndefined();
    expect(evictionRisk({ policy: 'allkeys-lru', maxmemoryBytes: 0 })).toBeUndefined();
  });

  it('open incidents under an allkeys policy: any key may go', () => {
    const risk = evictionRisk({ policy: 'allkeys-lfu', maxmemoryBytes: 512 * MB });
    expect(risk).toContain('maxmemory-policy is allkeys-lfu');
    expect(risk).toContain('open incidents, their alerts and their escalation timers');
    expect(risk).toContain('Set maxmemory-policy noeviction');
  });

  it('the keys that have a lifetime under a volatile policy: resolved incidents, digests, rate budgets, replay guards', () => {
    const risk = evictionRisk({ policy: 'volatile-lru', maxmemoryBytes: 512 * MB });
    expect(risk).toContain('maxmemory-policy is volatile-lru');
    expect(risk).toContain('resolved incidents before their retention ends');
    expect(risk).toContain('Slack rate budgets');
    expect(risk).toContain('a replayed Slack request could act twice');
    expect(risk).toContain('Set maxmemory-policy noeviction');
  });
});
