import { ConfigError, loadConfig } from '../../../src/config/config';

describe('loadConfig', () => {
  it('defaults to the local sandbox on the memory store, French, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      slack: { mode: 'sandbox' },
      redis: undefined,
      locale: 'fr',
      runbooksDir: './runbooks',
    });
  });

  it('connects to a workspace when both Slack secrets are set', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      REDIS_URL: 'redis://r:6379',
      LOCALE: 'en',
    });
    expect(config.slack).toEqual({
      mode: 'workspace',
      botToken: 'xoxb-1',
      signingSecret: 's',
      apiUrl: undefined,
      teamId: undefined,
      enterpriseId: undefined,
    });
    expect(config.redis).toEqual({ url: 'redis://r:6379', keyPrefix: 'vigie', retentionDays: 400 });
  });

  it('names the invalid variable and never echoes its value', () => {
    const attempt = () => loadConfig({ PORT: 'not-a-port-secret-value', LOCALE: 'de' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('LOCALE');
      expect(message).not.toContain('not-a-port-secret-value');
    }
  });

  it('refuses a bot token without its signing secret, and says how to fix it', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('refuses a REDIS_URL that is not redis:// or rediss://, naming the variable and the fix', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://cache.internal:6379' })).toThrow(
      /REDIS_URL.*redis:\/\/ \(or rediss:\/\/ for TLS\)/,
    );
    expect(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380' }).redis?.url).toBe(
      'rediss://cache.internal:6380',
    );
  });

  it('refuses a POSTMORTEM_REMINDER_CRON that is not a cron expression, naming it', () => {
    expect(() => loadConfig({ POSTMORTEM_REMINDER_CRON: 'every monday' })).toThrow(
      /POSTMORTEM_REMINDER_CRON/,
    );
  });

  it('the sandbox listens on 127.0.0.1 unless HOST says otherwise; a workspace on 0.0.0.0', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).host).toBe('0.0.0.0');
  });

  it('logs in JSON, pretty, or pretty only on a terminal and in the sandbox (auto, the default)', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});
