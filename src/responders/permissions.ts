import type { Clock } from '../incidents/ports';
import type { Contacts } from '../runbooks/schema';

/** Who is in a Slack user group. The Slack adapter implements it with usergroups.list (include_users). */
export interface MembershipDirectory {
  usergroupMembers(usergroupId: string): Promise<string[]>;
}

export type PermissionVerdict =
  { allowed: true; role: string } | { allowed: false; reason: 'not_in_roles' | 'directory_unavailable' };

/**
 * Decides whether a Slack user may run a mitigation: the runbook lists roles, contacts.yml maps each
 * role to Slack users and a user group. Group membership is cached briefly (Slack's usergroups API is
 * rate-limited), and a directory failure denies rather than guesses.
 */
export class Permissions {
  private readonly cache = new Map<string, { members: string[]; until: number }>();

  constructor(
    private readonly contacts: Contacts,
    private readonly directory: MembershipDirectory,
    private readonly clock: Clock,
    private readonly cacheMs = 60_000,
  ) {}

  async mayAct(userId: string, roles: string[]): Promise<PermissionVerdict> {
    let directoryFailed = false;
    for (const roleId of roles) {
      const role = this.contacts.roles[roleId];
      if (role === undefined) continue;
      if (role.slack.users.includes(userId)) return { allowed: true, role: roleId };
      if (role.slack.usergroup === undefined) continue;
      try {
        if ((await this.members(role.slack.usergroup)).includes(userId))
          return { allowed: true, role: roleId };
      } catch {
        directoryFailed = true;
      }
    }
    return { allowed: false, reason: directoryFailed ? 'directory_unavailable' : 'not_in_roles' };
  }

  private async members(usergroupId: string): Promise<string[]> {
    const cached = this.cache.get(usergroupId);
    const now = this.clock.now();
    if (cached !== undefined && cached.until > now) return cached.members;
    const members = await this.directory.usergroupMembers(usergroupId);
    this.cache.set(usergroupId, { members, until: now + this.cacheMs });
    return members;
  }
}
