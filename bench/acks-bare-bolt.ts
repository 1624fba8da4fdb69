/**
 * The bare Bolt app the acks benchmark compares Vigie with: Bolt's HTTP receiver, the bot's ids given
 * (no auth.test), one listener that acks every block action and does nothing else. Run by
 * bench/acks.ts as its own process: PORT=… SLACK_SIGNING_SECRET=… node acks-bare-bolt.js
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
});
const app = new App({
  token: 'xoxb-bench',
  botId: 'B0VIGIE',
  botUserId: 'U0VIGIE',
  receiver,
  logLevel: LogLevel.ERROR,
  tokenVerificationEnabled: false,
});
app.action(/.*/, async ({ ack }) => {
  await ack();
});
void app.start(Number(process.env.PORT)).then(() => process.stdout.write('ready\n'));
