/**
 * Slack's Web API rate limits for the methods Vigie calls, from Slack's machine-readable tier list
 * (`docs/specs/slack-rate-limit-tiers.json`, kept as Slack's SDK publishes it; a unit test keeps this
 * table equal to it). Tiers are counted per method, per workspace, per app; `chat.postMessage` is
 * special: about one message a second per channel, with short bursts.
 */
export const METHOD_TIERS = {
  'chat.postMessage': 'SpecialTier_chat_postMessage',
  'chat.update': 'Tier3',
  'conversations.history': 'Tier3',
  'conversations.replies': 'Tier3',
  'files.getUploadURLExternal': 'Tier4',
  'files.completeUploadExternal': 'Tier4',
  'views.open': 'Tier4',
  'views.publish': 'Tier4',
  'views.push': 'Tier4',
  'views.update': 'Tier4',
  'chat.postEphemeral': 'Tier4',
  'usergroups.list': 'Tier2',
  'users.info': 'Tier4',
} as const;

export type PacedMethod = keyof typeof METHOD_TIERS;

/** Requests per minute each tier allows (Slack's documented floor: "1+", "20+", "50+", "100+"). */
const PER_MINUTE: Record<string, number> = { Tier1: 1, Tier2: 20, Tier3: 50, Tier4: 100 };

export interface SlackLimit {
  /** Whether the limit counts per channel (chat.postMessage) or per workspace. */
  scope: 'channel' | 'workspace';
  perSecond: number;
  /** How many calls Slack tolerates back to back before the rate applies. */
  burst: number;
}

/**
 * What Slack enforces for a method. The emulator answers 429 past it; Vigie budgets a little under
 * it (`vigieBudget`), so clock drift between replicas and Slack never turns into a 429.
 */
export function slackLimit(method: PacedMethod): SlackLimit {
  const tier = METHOD_TIERS[method];
  if (tier === 'SpecialTier_chat_postMessage') return { scope: 'channel', perSecond: 1, burst: 3 };
  const perMinute = PER_MINUTE[tier] ?? 1;
  // "Some burst tolerated": ten seconds' worth of calls.
  return { scope: 'workspace', perSecond: perMinute / 60, burst: Math.max(1, Math.floor(perMinute / 6)) };
}

/** Vigie's own budget: 90 % of Slack's rate and one call less of burst. */
export function vigieBudget(method: PacedMethod): SlackLimit {
  const limit = slackLimit(method);
  return { ...limit, perSecond: limit.perSecond * 0.9, burst: Math.max(1, limit.burst - 1) };
}
