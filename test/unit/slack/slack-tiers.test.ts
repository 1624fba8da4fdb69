import { readFileSync } from 'node:fs';
import path from 'node:path';
import { reserveFor } from '../../../src/slack/pacing/priority';
import { METHOD_TIERS, slackLimit, vigieBudget } from '../../../src/slack/pacing/slack-tiers';

// Slack's machine-readable tier list, kept as published (docs/specs/README.md says where it comes from).
const published = JSON.parse(
  readFileSync(path.join(__dirname, '../../../docs/specs/slack-rate-limit-tiers.json'), 'utf8'),
) as Record<string, string>;

describe("Slack's rate-limit tiers", () => {
  it('every method Vigie paces has the tier Slack publishes for it', () => {
    for (const [method, tier] of Object.entries(METHOD_TIERS))
      expect([method, published[method]]).toEqual([method, tier]);
  });

  it('chat.postMessage is about one a second per channel with a short burst; chat.update is Tier 3 per workspace', () => {
    expect(slackLimit('chat.postMessage')).toEqual({ scope: 'channel', perSecond: 1, burst: 3 });
    expect(slackLimit('chat.update')).toEqual({ scope: 'workspace', perSecond: 50 / 60, burst: 8 });
    expect(slackLimit('files.completeUploadExternal').perSecond).toBeCloseTo(100 / 60);
  });

  it("Vigie's budget stays under each limit", () => {
    for (const method of Object.keys(METHOD_TIERS) as Array<keyof typeof METHOD_TIERS>) {
      const limit = slackLimit(method);
      const budget = vigieBudget(method);
      expect(budget.perSecond).toBeLessThan(limit.perSecond);
      expect(budget.burst).toBeLessThanOrEqual(limit.burst);
    }
  });

  it('lower priorities leave headroom for higher ones', () => {
    const burst = vigieBudget('chat.update').burst;
    const reserves = (['urgent', 'state', 'thread', 'cosmetic'] as const).map((p) => reserveFor(p, burst));
    expect(reserves[0]).toBe(0);
    expect(reserves).toEqual([...reserves].sort((a, b) => a - b));
    expect(reserves[3]).toBeGreaterThan(reserves[1] ?? 0);
  });
});
