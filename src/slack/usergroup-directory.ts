import { WebAPIPlatformError } from '@slack/web-api';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../observability/logger';
import type { MembershipDirectory } from '../responders/permissions';

/** User group membership from Slack (`usergroups.users.list`, scope usergroups:read). */
export class SlackUsergroupDirectory implements MembershipDirectory {
  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
  ) {}

  async usergroupMembers(usergroupId: string): Promise<string[]> {
    try {
      const result = await this.client.usergroups.users.list({ usergroup: usergroupId });
      return result.users ?? [];
    } catch (error) {
      // A group Slack does not know has no members; only an unreachable Slack is "cannot tell".
      if (
        error instanceof WebAPIPlatformError &&
        ['no_such_subteam', 'subteam_not_found'].includes(error.data.error)
      ) {
        this.logger.warn(
          { usergroup: usergroupId },
          'permissions: Slack has no such user group; fix contacts.yml',
        );
        return [];
      }
      throw error;
    }
  }
}
