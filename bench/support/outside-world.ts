/**
 * Slack (the emulator, enforcing Slack's tiers) and PagerDuty (a stand-in answering as PagerDuty does)
 * for a benchmarked Vigie, in a process of their own: as in production, their work is on neither
 * Vigie's event loop nor the load client's. Run as a script, it prints one JSON line with their URLs,
 * then serves until SIGTERM; `startOutsideWorld` starts it so.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { SlackEmulator } from '../../src/sandbox/slack-emulator';
import { OpsStandIn } from '../../test/support/ops-standin';
import { processCpuSeconds } from './processes';

const BOT_TOKEN = 'xoxb-bench';
const ROUTING_KEYS = {
  PAGERDUTY_ROUTING_KEY_TECH_LEAD: 'rk-tech-lead',
  PAGERDUTY_ROUTING_KEY_ONCALL_BACKEND: 'rk-oncall-backend',
  PAGERDUTY_ROUTING_KEY_DEVOPS: 'rk-devops',
};

export interface OutsideWorld {
  /** What a Vigie process needs to reach them, as deployed (not the local sandbox). */
  env: Record<string, string>;
  /** CPU seconds their process has used so far: on this machine it shares the cores with Vigie. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Starts this file as its own process and waits until it says where it listens. */
export async function startOutsideWorld(): Promise<OutsideWorld> {
  const child = spawn(process.execPath, [__filename], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => {
      throw new Error('the Slack and PagerDuty stand-ins exited before they listened');
    }),
  ])) as [string];
  const urls = JSON.parse(first) as { slackApi: string; pagerdutyUrl: string };
  return {
    env: {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'bench-secret',
      SLACK_API_URL: `${urls.slackApi}/api/`,
      PAGERDUTY_EVENTS_URL: `${urls.pagerdutyUrl}/v2/enqueue`,
      ...ROUTING_KEYS,
    },
    cpuSeconds: () => processCpuSeconds(child.pid),
    stop: async () => {
      lines.close();
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function serve(): Promise<void> {
  const slack = new SlackEmulator({ botToken: BOT_TOKEN });
  const slackApi = await slack.listen();
  const pagerduty = new OpsStandIn();
  const pagerdutyUrl = await pagerduty.start();
  pagerduty.script(
    '/v2/enqueue',
    { status: 202, body: { status: 'success', message: 'Event processed' } },
    1_000_000,
  );
  process.stdout.write(`${JSON.stringify({ slackApi, pagerdutyUrl })}\n`);
  process.once('SIGTERM', () => {
    void Promise.all([slack.close(), pagerduty.stop()]).then(() => process.exit(0));
  });
}

if (require.main === module)
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
