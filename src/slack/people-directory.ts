import type { WebClient } from '@slack/web-api';
import type { Clock } from '../incidents/ports';
import type { Incident } from '../incidents/types';
import type { Logger } from '../observability/logger';
import type { RateBudget } from '../store/store';
import { bucketKey } from './pacing/paced-transport';
import { reserveFor } from './pacing/priority';
import { vigieBudget } from './pacing/slack-tiers';

/** People's names for surfaces outside Slack (emails, the post-mortem file), where a mention cannot render. */
export interface PeopleDirectory {
  /** Slack user id → the person's name; ids it cannot name (Slack busy or unreachable) are absent. */
  names(ids: string[]): Promise<Map<string, string>>;
}

/** A name is looked up again after this long (people rarely rename themselves mid-incident). */
const NAME_TTL_MS = 3_600_000;

const SLACK_USER = /^[UW][A-Z0-9]+$/;

/** Every person who acted on the incident, by Slack user id. */
export function peopleOf(incident: Incident): string[] {
  const ids = [
    ...incident.timeline.map((e) => e.actor),
    incident.acknowledgedBy,
    incident.resolvedBy,
    ...Object.values(incident.triage).map((c) => c.by),
    ...Object.values(incident.followups).map((c) => c.by),
    ...Object.values(incident.mitigations).flatMap((runs) => runs.map((r) => r.by)),
    ...incident.escalations.map((e) => e.by),
  ];
  return [...new Set(ids.filter((id): id is string => id !== undefined && SLACK_USER.test(id)))];
}

/**
 * Names from Slack's `users.info` (scope users:read, Tier 4), cached an hour, within the replicas'
 * shared Slack budget. Never waits for the budget and never fails a draft: a person it cannot name
 * now is shown by id.
 */
export class SlackPeopleDirectory implements PeopleDirectory {
  private readonly cache = new Map<string, { name: string; at: number }>();
  private readonly key = bucketKey('users.info', '');

  constructor(
    private readonly client: WebClient,
    private readonly budget: RateBudget,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async names(ids: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const { perSecond, burst } = vigieBudget('users.info');
    const spec = { key: this.key, perSecond, burst, reserve: reserveFor('cosmetic', burst) };
    for (const id of ids) {
      const cached = this.cache.get(id);
      if (cached !== undefined && this.clock.now() - cached.at < NAME_TTL_MS) {
        found.set(id, cached.name);
        continue;
      }
      if ((await this.budget.take([spec], this.clock.now())) > 0) continue;
      try {
        const answer = await this.client.users.info({ user: id });
        const profile = answer.user;
        const name = profile?.profile?.real_name || profile?.real_name || profile?.name;
        if (name === undefined || name === '') continue;
        this.cache.set(id, { name, at: this.clock.now() });
        found.set(id, name);
      } catch (error) {
        this.logger.warn(
          { user: id, err: (error as Error).message },
          'people: Slack could not name this user (is users:read granted?); shown by id',
        );
      }
    }
    return found;
  }
}
