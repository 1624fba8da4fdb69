import type { WebClient } from '@slack/web-api';
import { createLogger } from '../../../src/observability/logger';
import { SlackInstallation } from '../../../src/slack/slack-installation';

const logger = createLogger('silent');
const answer = { ok: true, team_id: 'T1', user_id: 'U0BOT', bot_id: 'B0BOT', url: 'https://jmd.slack.com/' };
const clientAnswering = (...answers: Array<object | Error>) => {
  let calls = 0;
  const client = {
    auth: {
      test: () => {
        const next = answers[Math.min(calls, answers.length - 1)];
        calls += 1;
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
      },
    },
  } as unknown as WebClient;
  return { client, calls: () => calls };
};

describe('SlackInstallation: who the bot is, learned once at start', () => {
  it('learns the workspace (its address too, for links to messages) and the bot ids', async () => {
    const { client } = clientAnswering(answer);
    const installation = new SlackInstallation(client, {}, logger);
    await installation.learn();
    expect(installation.identity).toEqual({
      teamId: 'T1',
      enterpriseId: undefined,
      botId: 'B0BOT',
      botUserId: 'U0BOT',
      workspaceUrl: 'https://jmd.slack.com/',
    });
    expect(installation.current).toEqual({ teamId: 'T1', enterpriseId: undefined });
  });

  it('refuses to start when SLACK_TEAM_ID names another workspace than the token', async () => {
    const { client } = clientAnswering(answer);
    const installation = new SlackInstallation(client, { teamId: 'T2' }, logger);
    await expect(installation.learn()).rejects.toThrow(/SLACK_TEAM_ID is T2 .* workspace T1/);
    expect(installation.current).toBeUndefined();
  });

  it('refuses a token without a bot (a user token)', async () => {
    const { client } = clientAnswering({ ok: true, team_id: 'T1', user_id: 'U1' });
    await expect(new SlackInstallation(client, {}, logger).learn()).rejects.toThrow(/not a bot token/);
  });

  it('retries an unreachable Slack in the background and refuses requests until then', async () => {
    jest.useFakeTimers();
    try {
      const { client, calls } = clientAnswering(new Error('ECONNREFUSED'), new Error('ECONNREFUSED'), answer);
      const installation = new SlackInstallation(client, {}, logger);
      await installation.learn();
      expect(installation.current).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(calls()).toBe(2);
      expect(installation.current).toBeUndefined();
      await jest.advanceTimersByTimeAsync(2_000);
      expect(calls()).toBe(3);
      expect(installation.current).toEqual({ teamId: 'T1', enterpriseId: undefined });
      installation.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
