import type { WebClient } from '@slack/web-api';
import { WebAPIPlatformError } from '@slack/web-api';
import type { Logger } from '../observability/logger';
import { workspaceUrlOf } from './message-link';
import type { SlackOrigin } from './request-gate/slack-payload';

/** Slack answers that mean the token itself is wrong: retrying will not help, the operator must fix it. */
const BAD_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

/** auth.test is retried after 1 s, 2 s, 4 s… up to this, while Slack cannot be reached. */
const MAX_RETRY_MS = 30_000;

/** Who Vigie is in Slack: its bot, and the workspace (and organisation) it is installed in. */
export interface SlackIdentity extends SlackOrigin {
  botId: string;
  botUserId: string;
  /** The workspace's address (https://…slack.com/), for links to messages; undefined if none was given. */
  workspaceUrl?: string | undefined;
}

/**
 * The workspace (and Enterprise Grid organisation) Vigie is installed in and its bot's ids, learned
 * once from `auth.test` at start: requests from elsewhere are refused, and Bolt is given the bot ids
 * instead of calling auth.test per request. A bad token, or SLACK_TEAM_ID / SLACK_ENTERPRISE_ID that
 * disagree with the token, stop start-up with the fix; an unreachable Slack is retried in the
 * background with backoff (Slack requests are answered "starting" until then).
 */
export class SlackInstallation {
  identity: SlackIdentity | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = 1_000;
  private stopped = false;

  constructor(
    private readonly client: WebClient,
    private readonly given: { teamId?: string | undefined; enterpriseId?: string | undefined },
    private readonly logger: Logger,
  ) {}

  /** The workspace requests must come from, once known. */
  get current(): SlackOrigin | undefined {
    return this.identity === undefined
      ? undefined
      : { teamId: this.identity.teamId, enterpriseId: this.identity.enterpriseId };
  }

  async learn(): Promise<void> {
    if (this.identity !== undefined || this.stopped) return;
    try {
      const auth = await this.client.auth.test();
      const identity: SlackIdentity = {
        teamId: auth.team_id ?? '',
        enterpriseId: auth.enterprise_id || undefined,
        botId: auth.bot_id ?? '',
        botUserId: auth.user_id ?? '',
        workspaceUrl: workspaceUrlOf(auth.url),
      };
      this.check(identity);
      this.identity = identity;
      this.logger.info(
        { team: identity.teamId, enterprise: identity.enterpriseId, bot: identity.botUserId },
        'slack: installed workspace and bot identity confirmed',
      );
    } catch (error) {
      if (error instanceof WebAPIPlatformError && BAD_TOKEN.has(error.data.error))
        throw new Error(
          `Slack refused SLACK_BOT_TOKEN (${error.data.error}): set the bot token of the installed app (xoxb-…).`,
        );
      if (error instanceof InstallationMismatchError) throw error;
      this.logger.error(
        { err: (error as Error).message, retryInMs: this.retryMs },
        'slack: auth.test failed; Slack requests are refused until the workspace is confirmed',
      );
      this.retry = setTimeout(() => void this.learn().catch(() => undefined), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.retry !== undefined) clearTimeout(this.retry);
  }

  private check(identity: SlackIdentity): void {
    if (identity.botId === '' || identity.botUserId === '')
      throw new InstallationMismatchError(
        'SLACK_BOT_TOKEN is not a bot token (auth.test gave no bot id): use the xoxb-… token of the installed app.',
      );
    if (this.given.teamId !== undefined && this.given.teamId !== identity.teamId)
      throw new InstallationMismatchError(
        `SLACK_TEAM_ID is ${this.given.teamId} but SLACK_BOT_TOKEN belongs to workspace ${identity.teamId}: fix one of them.`,
      );
    if (this.given.enterpriseId !== undefined && this.given.enterpriseId !== identity.enterpriseId)
      throw new InstallationMismatchError(
        `SLACK_ENTERPRISE_ID is ${this.given.enterpriseId} but SLACK_BOT_TOKEN belongs to organisation ${identity.enterpriseId ?? '(none)'}: fix one of them.`,
      );
  }
}

class InstallationMismatchError extends Error {}
