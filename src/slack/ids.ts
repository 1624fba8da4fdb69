/** Every Slack action_id, callback_id and block_id Vigie uses, in one place. */
export const ACTION = {
  acknowledge: 'incident.ack',
  /** Opens the resolve modal (the same as `/incident resoudre`). */
  resolve: 'incident.resolve',
  /** Suffixed with the triage step id: one per step, unique within the message. */
  triageToggle: 'incident.triage',
  /** Suffixed with the mitigation id. */
  mitigate: 'incident.mitigate',
  /** Suffixed with the post-incident duty id (from the SLO file). */
  followupToggle: 'incident.followup',
  /** Suffixed with the escalation step id (steps a person triggers, e.g. "Cause infra"). */
  escalate: 'incident.escalate',
  /** The storm digest's menu: posts the picked incident's own card. */
  digestOpen: 'incident.digest.open',
  /** URL buttons still send block_actions; Vigie only acks them. */
  openLink: 'incident.link',
} as const;

/**
 * The blocks of the prompts a command answers with (ephemeral, with a card's button): a click there
 * is answered in place of the prompt, where a click on a card is answered by the card.
 */
export const PROMPT_BLOCK = {
  escalate: 'incident.escalate-prompt',
  mitigate: 'incident.mitigate-prompt',
} as const;

export const CALLBACK = {
  resolveModal: 'incident.resolve.modal',
  declareModal: 'incident.declare.modal',
} as const;

export const actionIdFor = (base: string, suffix: string): string => `${base}:${suffix}`;

/** Matches "<base>" and "<base>:<suffix>". */
export const actionPattern = (base: string): RegExp => new RegExp(`^${base.replace(/\./g, '\\.')}(?::.+)?$`);
