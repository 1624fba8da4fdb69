import type { WebClient } from '@slack/web-api';
import type { MembershipDirectory } from '../responders/permissions';

/** User group membership from Slack (`usergroups.users.list`, scope usergroups:read). */
export class SlackUsergroupDirectory implements MembershipDirectory {
  constructor(private readonly client: WebClient) {}

  async usergroupMembers(usergroupId: string): Promise<string[]> {
    const result = await this.client.usergroups.users.list({ usergroup: usergroupId });
    return result.users ?? [];
  }
}
