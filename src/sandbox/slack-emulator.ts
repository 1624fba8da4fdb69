import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultReply, readParams, receiveUpload, reply } from './emulator-http';
import { EmulatedWebApi } from './emulator-web-api';
import type { ApiReply } from './emulator-web-api';
import type { EmulatedMessage, Fault, Params } from './emulator-state';
import { DEFAULT_CHANNELS, EmulatorState } from './emulator-state';
import type { SignedRequestOptions } from './signing';
import { postSigned } from './signing';
import { pollUntil } from './poll-until';
import {
  blockActionsPayload,
  eventCallbackBody,
  findButton,
  interactionBody,
  slashCommandBody,
  viewSubmissionPayload,
} from './interaction-payloads';
import type { SlashCommandInput } from './interaction-payloads';

export type { SlashCommandInput } from './interaction-payloads';
import { SlackLimits } from './slack-limits';

export type { EmulatedChannel, EmulatedMessage, Fault } from './emulator-state';

export interface SlackEmulatorOptions {
  botToken: string;
  channels?: string[];
  now?: () => number;
  /** Where Slack would send commands and interactions: Vigie's /slack/events. */
  eventsUrl?: string;
  signingSecret?: string;
  /** User group id → member user ids, for usergroups.list. */
  usergroups?: Record<string, string[]>;
}

/**
 * A Slack stand-in for the sandbox and the tests, reached over real HTTP. It keeps messages per
 * channel and thread and enforces what Slack enforces: auth, Block Kit limits, per-channel posting rate
 * and Slack's rate-limit tiers for every method Vigie calls
 * (429 + Retry-After). Faults can be injected per method. It also plays Slack's other half: signed
 * slash commands and interactions sent to Vigie, and the response_url Vigie answers on.
 */
export class SlackEmulator extends EventEmitter {
  readonly state: EmulatorState;
  private readonly api: EmulatedWebApi;
  private server: http.Server | undefined;
  private baseUrl = 'http://127.0.0.1';
  /** Slack's clock: what it signs requests with and stamps messages by. */
  private readonly now: () => number;

  constructor(private readonly options: SlackEmulatorOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.state = new EmulatorState(options.channels ?? DEFAULT_CHANNELS, this.now, options.usergroups ?? {});
    this.api = new EmulatedWebApi(() => this.baseUrl, this.state, this, new SlackLimits(), this.now);
  }

  get channels() {
    return this.state.channels;
  }

  /** Makes the next `times` calls of `method` (optionally to one channel) fail with `fault`. */
  failNext(method: string, fault: Fault, times = 1, channel?: string): void {
    this.state.addFault(method, fault, times, channel);
  }

  /** Slack works normally again: injected faults not yet used are dropped. */
  clearFaults(): void {
    this.state.clearFaults();
  }

  /** Top-level messages (cards) of a channel, by name or id. */
  messagesIn(channel: string): EmulatedMessage[] {
    const id = this.state.channelByRef(channel)?.id;
    return this.state.messages.filter((m) => m.channel === id && m.threadTs === undefined);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    this.baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
    return `${this.baseUrl}/api/`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Handles `…/api/<method>`, `…/response/<id>` and `GET …/state`, under any prefix. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    if (req.method === 'GET' && path.endsWith('/state')) {
      const { channels, messages, ephemerals, views, responses } = this.state;
      return reply(res, 200, { channels, messages, ephemerals, views, responses });
    }
    const uploadId = /\/upload\/([\w-]+)$/.exec(path)?.[1];
    if (uploadId !== undefined && req.method === 'POST')
      return receiveUpload(this.state.files, uploadId, req, res);
    let params: Params;
    try {
      params = await readParams(req);
    } catch {
      return reply(res, 400, { ok: false, error: 'invalid_json' });
    }
    const responseId = /\/response\/([\w-]+)$/.exec(path)?.[1];
    if (responseId !== undefined && req.method === 'POST') {
      const received = this.state.receiveResponse(responseId, params);
      if ('error' in received) return reply(res, 400, { ok: false, error: received.error });
      this.emit('response', received);
      return reply(res, 200, { ok: true });
    }
    const method = /\/api\/([a-zA-Z.]+)$/.exec(path)?.[1];
    if (method === undefined || req.method !== 'POST')
      return reply(res, 404, { ok: false, error: 'unknown_method' });
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const token = bearer !== '' ? bearer : typeof params.token === 'string' ? params.token : '';
    const authorized = token === this.options.botToken;
    const fault = authorized ? this.state.takeFault(method, params) : undefined;
    const [status, body, headers]: ApiReply = !authorized
      ? [200, { ok: false, error: 'invalid_auth' }]
      : fault !== undefined && !('replyDelayMs' in fault)
        ? faultReply(fault)
        : this.api.call(method, params);
    if (fault !== undefined && 'replyDelayMs' in fault)
      await new Promise((r) => setTimeout(r, fault.replyDelayMs));
    this.state.calls.push({
      method,
      at: Date.now(),
      status,
      ...(typeof body.error === 'string' ? { error: body.error } : {}),
    });
    return reply(res, status, body, headers);
  }

  /** Sends a slash command to Vigie, signed as Slack signs it (or forged/stale through `sign`). */
  async sendSlashCommand(command: string, input: SlashCommandInput, sign: SignedRequestOptions = {}) {
    const channel = this.state.channelByRef(input.channel ?? 'sre-alerts');
    const responseId = this.state.nextId('r');
    const body = slashCommandBody({
      command,
      text: input.text,
      userId: input.userId ?? 'U0SANDBOX1',
      channelId: channel?.id ?? 'C00000000',
      channelName: channel?.name ?? 'unknown',
      responseUrl: `${this.baseUrl}/response/${responseId}`,
      triggerId: `${Date.now()}.${responseId}.sandbox`,
    });
    return { ...(await this.sendRaw(body, 'application/x-www-form-urlencoded', sign)), responseId };
  }

  /**
   * Sends an interaction (block_actions, view_submission…) to Vigie as Slack does: form-encoded
   * `payload=<json>`, with a response_url the emulator records. Returns the response id.
   */
  async sendInteraction(
    payload: Record<string, unknown>,
    sign: SignedRequestOptions = {},
    /** The ephemeral reply (its response id) the interaction comes from, which its answer may replace. */
    fromReply?: string,
  ): Promise<{ status: number; body: string; responseId: string }> {
    const responseId = this.state.nextId('r');
    if (fromReply !== undefined) this.state.clickFrom(responseId, fromReply);
    const body = interactionBody(
      payload,
      `${this.baseUrl}/response/${responseId}`,
      `${Date.now()}.${responseId}.sandbox`,
    );
    return { ...(await this.sendRaw(body, 'application/x-www-form-urlencoded', sign)), responseId };
  }

  /**
   * Clicks a button of a posted (or ephemeral) message as a user would, after any confirm dialog:
   * finds the element whose action_id is `actionId` (or starts with `actionId:`) and sends the
   * block_actions payload Slack would send.
   */
  async clickButton(
    /** A posted message (its ts), or an ephemeral reply (its response id, if it may be replaced). */
    message: { channel?: string; ts?: string; blocks: unknown[]; responseId?: string },
    actionId: string,
    userId: string,
    sign: SignedRequestOptions = {},
    /** For a menu (static_select): the value of the option picked. */
    chosen?: string,
  ): Promise<{ status: number; body: string; responseId: string }> {
    const found = findButton(message.blocks, actionId);
    if (found === undefined) throw new Error(`Slack emulator: no button "${actionId}" in this message`);
    const id = message.channel ?? this.state.channels[0]?.id ?? 'C00000000';
    const channel = { id, name: this.state.channelByRef(id)?.name ?? 'unknown' };
    return this.sendInteraction(
      blockActionsPayload(message, found, userId, channel, chosen),
      sign,
      message.ts === undefined ? message.responseId : undefined,
    );
  }

  /** Picks an option of a message's menu as a user would. */
  chooseOption(
    message: { channel?: string; ts?: string; blocks: unknown[] },
    actionId: string,
    value: string,
    userId: string,
  ): Promise<{ status: number; body: string; responseId: string }> {
    return this.clickButton(message, actionId, userId, {}, value);
  }

  /** Submits a modal Vigie opened, with `values[blockId]` typed or selected. */
  async submitView(view: { id: string; view: unknown }, values: Record<string, string>, userId: string) {
    return this.sendInteraction(viewSubmissionPayload(view, values, userId));
  }

  /** Delivers an Events API event as Slack does (JSON, signed); `retryNum` marks a redelivery. */
  async sendEvent(event: Record<string, unknown>, eventId: string, retryNum?: number) {
    const body = eventCallbackBody(event, eventId, Math.floor(this.now() / 1000));
    return this.sendRaw(body, 'application/json', retryNum === undefined ? {} : { retryNum });
  }

  /** Sends a raw body to Vigie's /slack/events, signed (or forged/stale through `sign`). */
  async sendRaw(
    body: string,
    contentType: string,
    sign: SignedRequestOptions = {},
  ): Promise<{ status: number; body: string }> {
    const { eventsUrl, signingSecret } = this.options;
    if (eventsUrl === undefined || signingSecret === undefined) {
      throw new Error(
        'SlackEmulator: call connectTo(eventsUrl, signingSecret) before sending requests to Vigie',
      );
    }
    return postSigned(eventsUrl, signingSecret, body, contentType, { signedAt: this.now(), ...sign });
  }

  /** Points the emulator at Vigie once Vigie's port is known. */
  connectTo(eventsUrl: string, signingSecret: string): void {
    this.options.eventsUrl = eventsUrl;
    this.options.signingSecret = signingSecret;
  }

  /** Resolves with the predicate's value once it holds, polling every 25 ms; rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    return pollUntil(predicate, timeoutMs, what);
  }
}
