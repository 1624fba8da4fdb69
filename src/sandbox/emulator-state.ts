/** What the Slack emulator remembers: channels, messages, views, replies, calls and injected faults. */
import { validateMessage } from './block-validation';

export type Params = Record<string, unknown>;

export interface EmulatedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs: string | undefined;
  /** How many times chat.update rewrote it. */
  updates: number;
  /** Files shared with the message (files.completeUploadExternal). */
  files?: EmulatedFile[];
  /** Slack message metadata, as posted. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface EmulatedFile {
  id: string;
  title: string;
  content: string;
}

export interface EmulatedChannel {
  id: string;
  name: string;
}

export type Fault =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503 }
  | { error: string }
  /** The call is carried out, but its reply comes only after this long (a reply lost in a crash). */
  | { replyDelayMs: number };

export const DEFAULT_CHANNELS = ['sre-alerts', 'integrations', 'sre-escalations', 'data-compliance'];

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export class EmulatorState {
  readonly channels: EmulatedChannel[];
  readonly messages: EmulatedMessage[] = [];
  readonly ephemerals: Array<{ channel: string; user: string; text: string; blocks: unknown[] }> = [];
  readonly views: Array<{ id: string; method: string; view: unknown; userId: string | undefined }> = [];
  /**
   * What Vigie sent to response_url (replies to commands and actions); `replacedBy`: an ephemeral
   * reply replaced (replace_original) by the answer to a click on it, which Slack no longer shows.
   */
  readonly responses: Array<{ id: string; body: Params; replacedBy?: string }> = [];
  /** The ephemeral reply (its response id) each click on one came from, by the click's response id. */
  private readonly clickedReply = new Map<string, string>();
  /** Files uploaded (files.getUploadURLExternal + upload), waiting to be shared or shared. */
  readonly files = new Map<string, EmulatedFile>();
  readonly calls: Array<{ method: string; at: number; status: number; error?: string }> = [];
  /** chat.update calls that changed nothing (Vigie should never send one). */
  unchangedUpdates = 0;
  private readonly faults: Array<{ method: string; fault: Fault; remaining: number; channel?: string }> = [];
  private sequence = 0;

  constructor(
    channelNames: string[],
    private readonly now: () => number,
    readonly usergroups: Record<string, string[]>,
  ) {
    this.channels = channelNames.map((name, i) => ({
      id: `C${String(i + 1).padStart(8, '0')}`,
      name: name.replace(/^#/, ''),
    }));
  }

  channelByRef(ref: string): EmulatedChannel | undefined {
    const name = ref.replace(/^#/, '');
    return this.channels.find((c) => c.id === ref || c.name === name);
  }

  /** The direct-message channel between the bot and a user, opened on first use (as chat.postMessage to a user id does). */
  dmWith(userId: string): EmulatedChannel {
    const name = `dm-${userId}`;
    const existing = this.channels.find((c) => c.name === name);
    if (existing !== undefined) return existing;
    const channel = { id: `D${userId.slice(1)}`, name };
    this.channels.push(channel);
    return channel;
  }

  nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${String(this.sequence).padStart(8, '0')}`;
  }

  nextTs(): string {
    this.sequence += 1;
    return `${Math.floor(this.now() / 1000)}.${String(this.sequence).padStart(6, '0')}`;
  }

  addFault(method: string, fault: Fault, times: number, channel: string | undefined): void {
    const channelId = channel === undefined ? undefined : (this.channelByRef(channel)?.id ?? channel);
    this.faults.push({
      method,
      fault,
      remaining: times,
      ...(channelId === undefined ? {} : { channel: channelId }),
    });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  takeFault(method: string, params: Params): Fault | undefined {
    const ref = str(params.channel);
    const channel = ref === '' ? undefined : (this.channelByRef(ref)?.id ?? ref);
    const index = this.faults.findIndex(
      (f) => f.method === method && (f.channel === undefined || f.channel === channel),
    );
    const entry = this.faults[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.faults.splice(index, 1);
    return entry.fault;
  }

  /** A click (its response id) on an ephemeral reply (that reply's response id), which its answer may replace. */
  clickFrom(responseId: string, reply: string): void {
    this.clickedReply.set(responseId, reply);
  }

  /**
   * What Vigie sent to a response_url: refused as Slack would a message it cannot show, else recorded.
   * Slack replaces the ephemeral message a click came from when the answer says replace_original: that
   * message is marked replaced (no longer shown).
   */
  receiveResponse(id: string, body: Params): { id: string; body: Params } | { error: string } {
    const invalid = validateMessage(body.text, body.blocks);
    if (invalid !== null) return { error: invalid };
    const source = this.clickedReply.get(id);
    if (source !== undefined && (body.replace_original === true || body.replace_original === 'true'))
      for (const earlier of this.responses) if (earlier.id === source) earlier.replacedBy = id;
    const received = { id, body };
    this.responses.push(received);
    return received;
  }
}
