import type { WebClient } from '@slack/web-api';
import { WebAPIPlatformError } from '@slack/web-api';
import type { Logger } from '../observability/logger';
import type { SlackOrigin } from './request-gate/slack-payload';

/** Slack answers that mean the token itself is wrong: retrying will not help, the operator must fix it. */
const BAD_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

/**
 * The workspace (and Enterprise Grid organisation) Vigie is installed in: requests from anywhere else
 * are refused. Given by SLACK_TEAM_ID / SLACK_ENTERPRISE_ID, or learned from `auth.test` at start;
 * a bad token stops start-up with the fix, an unreachable Slack is retried in the background (requests
 * are refused with "starting" until then).
 */
export class SlackInstallation {
  current: SlackOrigin | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: WebClient,
    given: { teamId?: string | undefined; enterpriseId?: string | undefined },
    private readonly logger: Logger,
  ) {
    if (given.teamId !== undefined) this.current = { teamId: given.teamId, enterpriseId: given.enterpriseId };
  }

  async learn(): Promise<void> {
    if (this.current !== undefined) return;
    try {
      const auth = await this.client.auth.test();
      this.current = { teamId: auth.team_id, enterpriseId: auth.enterprise_id || undefined };
      this.logger.info(
        { team: auth.team_id, enterprise: auth.enterprise_id },
        'slack: installed workspace confirmed',
      );
    } catch (error) {
      if (error instanceof WebAPIPlatformError && BAD_TOKEN.has(error.data.error))
        throw new Error(
          `Slack refused SLACK_BOT_TOKEN (${error.data.error}): set the bot token of the installed app (xoxb-…).`,
        );
      this.logger.error(
        { err: (error as Error).message },
        'slack: auth.test failed; Slack requests are refused until the workspace is confirmed (retrying every 10 s)',
      );
      this.retry = setTimeout(() => void this.learn().catch(() => undefined), 10_000);
    }
  }

  stop(): void {
    if (this.retry !== undefined) clearTimeout(this.retry);
  }
}
