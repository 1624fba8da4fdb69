/** The bodies Slack sends to an app for slash commands, button clicks, modal submissions and events. Pure. */

/** What a person types: `/incident <text>` in a channel. */
export interface SlashCommandInput {
  text: string;
  userId?: string;
  channel?: string;
}

export interface ButtonFound {
  element: Record<string, unknown>;
  blockId: string;
}

/** The element whose action_id is `actionId` or starts with `actionId:`, in sections or actions blocks. */
export function findButton(blocks: unknown[], actionId: string): ButtonFound | undefined {
  for (const block of blocks as Array<Record<string, unknown>>) {
    const elements = Array.isArray(block.elements) ? (block.elements as unknown[]) : [];
    for (const candidate of [block.accessory, ...elements]) {
      const element = candidate as Record<string, unknown> | undefined;
      const id = element?.action_id;
      if (
        element !== undefined &&
        typeof id === 'string' &&
        (id === actionId || id.startsWith(`${actionId}:`))
      ) {
        return { element, blockId: typeof block.block_id === 'string' ? block.block_id : 'b' };
      }
    }
  }
  return undefined;
}

const user = (id: string) => ({ id, username: id.toLowerCase(), team_id: 'T0SANDBOX' });

export function slashCommandBody(input: {
  command: string;
  text: string;
  userId: string;
  channelId: string;
  channelName: string;
  responseUrl: string;
  triggerId: string;
}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0SANDBOX',
    team_domain: 'jmd-sandbox',
    channel_id: input.channelId,
    channel_name: input.channelName,
    user_id: input.userId,
    user_name: input.userId.toLowerCase(),
    command: input.command,
    text: input.text,
    api_app_id: 'A0VIGIE',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  }).toString();
}

export function blockActionsPayload(
  message: { ts?: string; blocks: unknown[] },
  found: ButtonFound,
  userId: string,
  channel: { id: string; name: string },
  /** For a select: the option the user picked (Slack sends it as `selected_option`). */
  chosen?: string,
): Record<string, unknown> {
  const options = Array.isArray(found.element.options)
    ? (found.element.options as Array<{ value?: unknown; text?: unknown }>)
    : [];
  const option = chosen === undefined ? undefined : options.find((o) => o.value === chosen);
  if (chosen !== undefined && option === undefined)
    throw new Error(`Slack emulator: the menu has no option "${chosen}"`);
  // Slack sends a menu's action without its options: the type, its ids and the option picked.
  const picked =
    option === undefined ? undefined : { type: found.element.type, action_id: found.element.action_id };
  return {
    type: 'block_actions',
    user: user(userId),
    channel,
    container:
      message.ts === undefined
        ? { type: 'ephemeral' }
        : { type: 'message', message_ts: message.ts, channel_id: channel.id },
    ...(message.ts === undefined ? {} : { message: { ts: message.ts, blocks: message.blocks } }),
    actions: [
      {
        ...(picked === undefined ? found.element : { ...picked, selected_option: option }),
        block_id: found.blockId,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

type ViewDefinition = {
  callback_id?: string;
  private_metadata?: string;
  blocks?: Array<{ block_id?: string; element?: { type?: string } }>;
};

/** A modal submitted with `values[blockId]` typed (text inputs) or chosen (static selects). */
export function viewSubmissionPayload(
  view: { id: string; view: unknown },
  values: Record<string, string>,
  userId: string,
): Record<string, unknown> {
  const definition = view.view as ViewDefinition;
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of definition.blocks ?? []) {
    const value = block.block_id === undefined ? undefined : values[block.block_id];
    if (block.block_id === undefined || value === undefined) continue;
    state[block.block_id] = {
      value:
        block.element?.type === 'static_select'
          ? { type: 'static_select', selected_option: { value } }
          : { type: 'plain_text_input', value },
    };
  }
  return {
    type: 'view_submission',
    user: user(userId),
    view: {
      id: view.id,
      type: 'modal',
      callback_id: definition.callback_id,
      private_metadata: definition.private_metadata ?? '',
      state: { values: state },
      hash: 'h',
    },
  };
}

/** An interaction as Slack posts it: form-encoded `payload=<json>`, the workspace and reply URLs added. */
export function interactionBody(
  payload: Record<string, unknown>,
  responseUrl: string,
  triggerId: string,
): string {
  const full = {
    team: { id: 'T0SANDBOX', domain: 'jmd-sandbox' },
    api_app_id: 'A0VIGIE',
    token: 'deprecated-verification-token',
    response_url: responseUrl,
    trigger_id: triggerId,
    ...payload,
  };
  return new URLSearchParams({ payload: JSON.stringify(full) }).toString();
}

/** An Events API event as Slack posts it (JSON). */
export function eventCallbackBody(
  event: Record<string, unknown>,
  eventId: string,
  eventTimeSeconds: number,
): string {
  return JSON.stringify({
    token: 'deprecated',
    team_id: 'T0SANDBOX',
    api_app_id: 'A0VIGIE',
    type: 'event_callback',
    event_id: eventId,
    event_time: eventTimeSeconds,
    event,
  });
}
