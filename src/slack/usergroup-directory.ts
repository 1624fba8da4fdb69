import type { WebClient } from '@slack/web-api';
import { WebAPIRateLimitedError } from '@slack/web-api';
import type { Clock } from '../incidents/ports';
import type { Logger } from '../observability/logger';
import type { MembershipDirectory } from '../responders/permissions';
import type { RateBudget } from '../store/store';
import { bucketKey } from './pacing/paced-transport';
import { reserveFor } from './pacing/priority';
import { vigieBudget } from './pacing/slack-tiers';

/**
 * How long a lookup may wait for Slack's budget. Buttons are acked before the permission check, so a
 * click waits rather than being refused while the budget refills.
 */
const MAX_WAIT_MS = 10_000;

/** How long one snapshot of every group's members is used. */
const SNAPSHOT_MS = 60_000;

/**
 * User group membership from Slack: one `usergroups.list` call with `include_users` (scope
 * usergroups:read, Tier 2) gives every group and its members, so a permission check costs at most one
 * call a minute however many roles a mitigation allows. The call shares the replicas' Slack budget; a
 * lookup waits briefly for a token, else the directory is "unavailable" and the check refuses rather
 * than guesses.
 */
export class SlackUsergroupDirectory implements MembershipDirectory {
  private readonly key = bucketKey('usergroups.list', '');
  private snapshot: { at: number; groups: Map<string, string[]> } | undefined;
  private loading: Promise<Map<string, string[]>> | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly budget: RateBudget,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async usergroupMembers(usergroupId: string): Promise<string[]> {
    const members = (await this.groups()).get(usergroupId);
    if (members !== undefined) return members;
    // A group Slack does not know has no members; only an unreachable Slack is "cannot tell".
    this.logger.warn(
      { usergroup: usergroupId },
      'permissions: Slack has no such user group; fix contacts.yml',
    );
    return [];
  }

  private groups(): Promise<Map<string, string[]>> {
    const fresh = this.snapshot !== undefined && this.clock.now() - this.snapshot.at < SNAPSHOT_MS;
    if (fresh && this.snapshot !== undefined) return Promise.resolve(this.snapshot.groups);
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<Map<string, string[]>> {
    await this.admit();
    try {
      const result = await this.client.usergroups.list({ include_users: true });
      const groups = new Map<string, string[]>();
      for (const group of result.usergroups ?? [])
        if (group.id !== undefined) groups.set(group.id, group.users ?? []);
      this.snapshot = { at: this.clock.now(), groups };
      return groups;
    } catch (error) {
      if (error instanceof WebAPIRateLimitedError)
        await this.budget.pause(this.key, this.clock.now() + Math.max(1, error.retryAfter) * 1000);
      throw error;
    }
  }

  private async admit(): Promise<void> {
    const { perSecond, burst } = vigieBudget('usergroups.list');
    const spec = { key: this.key, perSecond, burst, reserve: reserveFor('urgent', burst) };
    const deadline = this.clock.now() + MAX_WAIT_MS;
    for (;;) {
      const wait = await this.budget.take([spec], this.clock.now());
      if (wait === 0) return;
      if (this.clock.now() + wait > deadline)
        throw new Error(`usergroups.list: Slack's budget is spent for ${wait} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
