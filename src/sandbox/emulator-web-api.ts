import type { EventEmitter } from 'node:events';
import { validateMessage } from './block-validation';
import type { EmulatedMessage, EmulatorState, Params } from './emulator-state';
import { str } from './emulator-state';
import { blocksParam, metadataParam } from './web-api-params';
import type { SlackLimits } from './slack-limits';

export type ApiReply = [status: number, body: Params, headers?: Record<string, string>];

const rateLimited = (waitMs: number): ApiReply => [
  429,
  { ok: false, error: 'ratelimited' },
  { 'retry-after': String(Math.ceil(waitMs / 1000)) },
];

/** The Web API methods Vigie calls, as Slack answers them. */
export class EmulatedWebApi {
  constructor(
    private readonly baseUrl: () => string,
    private readonly state: EmulatorState,
    private readonly events: EventEmitter,
    private readonly limits: SlackLimits,
    private readonly now: () => number,
  ) {}

  call(method: string, p: Params): ApiReply {
    const channelRef = str(p.channel) || str(p.channel_id);
    const wait = this.limits.take(method, this.state.channelByRef(channelRef)?.id ?? channelRef, this.now());
    if (wait > 0) return rateLimited(wait);
    switch (method) {
      case 'auth.test':
        return [
          200,
          {
            ok: true,
            url: 'https://jmd-sandbox.slack.com/',
            team: 'JMD (sandbox)',
            team_id: 'T0SANDBOX',
            user: 'vigie',
            user_id: 'U0VIGIE',
            bot_id: 'B0VIGIE',
          },
        ];
      case 'chat.postMessage':
        return this.postMessage(p);
      case 'chat.update':
        return this.update(p);
      case 'chat.postEphemeral':
        return this.postEphemeral(p);
      case 'conversations.list':
        return [200, { ok: true, channels: this.state.channels.map((c) => ({ ...c, is_member: true })) }];
      case 'conversations.history':
        return this.history(p);
      case 'conversations.replies':
        return this.history(p, str(p.ts));
      case 'conversations.info': {
        const channel = this.state.channelByRef(str(p.channel));
        return channel === undefined
          ? [200, { ok: false, error: 'channel_not_found' }]
          : [200, { ok: true, channel: { ...channel, is_member: true } }];
      }
      case 'files.getUploadURLExternal': {
        const id = this.state.nextId('F');
        this.state.files.set(id, { id, title: str(p.filename), content: '' });
        return [200, { ok: true, file_id: id, upload_url: `${this.baseUrl()}/upload/${id}` }];
      }
      case 'files.completeUploadExternal':
        return this.completeUpload(p);
      case 'chat.getPermalink':
        return [
          200,
          {
            ok: true,
            permalink: `https://jmd-sandbox.slack.com/archives/${str(p.channel)}/p${str(p.message_ts).replace('.', '')}`,
          },
        ];
      case 'conversations.join':
        return [200, { ok: true }];
      case 'users.info': {
        const user = str(p.user);
        return [
          200,
          {
            ok: true,
            user: { id: user, name: user.toLowerCase(), real_name: `Sandbox ${user}`, tz: 'Europe/Paris' },
          },
        ];
      }
      case 'usergroups.list': {
        const withUsers = p.include_users === true || p.include_users === 'true';
        const usergroups = Object.entries(this.state.usergroups).map(([id, users]) => ({
          id,
          user_count: users.length,
          ...(withUsers ? { users } : {}),
        }));
        return [200, { ok: true, usergroups }];
      }
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return this.view(method, p);
      default:
        return [200, { ok: false, error: 'unknown_method' }];
    }
  }

  private postMessage(p: Params): ApiReply {
    const ref = str(p.channel);
    const channel = /^[UW][A-Z0-9]+$/.test(ref) ? this.state.dmWith(ref) : this.state.channelByRef(ref);
    if (channel === undefined) return [200, { ok: false, error: 'channel_not_found' }];
    const blocks = p.blocks === undefined ? undefined : blocksParam(p.blocks);
    const invalid = validateMessage(p.text, blocks);
    if (invalid !== null) return [200, { ok: false, error: invalid }];
    const threadTs = str(p.thread_ts);
    const message: EmulatedMessage = {
      channel: channel.id,
      ts: this.state.nextTs(),
      text: str(p.text),
      blocks: blocks ?? [],
      threadTs: threadTs === '' ? undefined : threadTs,
      updates: 0,
      ...metadataParam(p.metadata),
    };
    this.state.messages.push(message);
    this.events.emit('message', message);
    return [200, { ok: true, channel: channel.id, ts: message.ts, message }];
  }

  /**
   * conversations.history (newest first, top-level messages) or, given a thread, conversations.replies
   * (the parent then its replies, oldest first); metadata only with include_all_metadata, as Slack does.
   */
  private history(p: Params, threadTs?: string): ApiReply {
    const channel = this.state.channelByRef(str(p.channel));
    if (channel === undefined || !/^[CGD]/.test(str(p.channel)))
      return [200, { ok: false, error: 'channel_not_found' }];
    const oldest = Number(typeof p.oldest === 'number' ? p.oldest : str(p.oldest)) || 0;
    const withMetadata = p.include_all_metadata === true || p.include_all_metadata === 'true';
    const inScope = (m: EmulatedMessage) =>
      threadTs === undefined ? m.threadTs === undefined : m.ts === threadTs || m.threadTs === threadTs;
    const found = this.state.messages.filter(
      (m) => m.channel === channel.id && inScope(m) && Number(m.ts) >= oldest,
    );
    const messages = (threadTs === undefined ? [...found].reverse() : found).map((m) => ({
      type: 'message',
      ts: m.ts,
      text: m.text,
      ...(m.threadTs === undefined ? {} : { thread_ts: m.threadTs }),
      ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
    }));
    return [200, { ok: true, messages, has_more: false }];
  }

  private update(p: Params): ApiReply {
    const message = this.state.messages.find((m) => m.channel === p.channel && m.ts === p.ts);
    if (message === undefined) {
      return [
        200,
        {
          ok: false,
          error: this.state.channelByRef(str(p.channel)) ? 'message_not_found' : 'channel_not_found',
        },
      ];
    }
    const blocks = p.blocks === undefined ? undefined : blocksParam(p.blocks);
    const invalid = validateMessage(p.text, blocks);
    if (invalid !== null) return [200, { ok: false, error: invalid }];
    const before = JSON.stringify([message.text, message.blocks]);
    message.text = typeof p.text === 'string' ? p.text : message.text;
    message.blocks = blocks ?? message.blocks;
    message.updates += 1;
    if (JSON.stringify([message.text, message.blocks]) === before) this.state.unchangedUpdates += 1;
    this.events.emit('update', message);
    return [200, { ok: true, channel: message.channel, ts: message.ts, text: message.text }];
  }

  private completeUpload(p: Params): ApiReply {
    const listed = JSON.parse(str(p.files) || '[]') as Array<{ id: string; title?: string }>;
    const files = listed.flatMap((f) => {
      const file = this.state.files.get(f.id);
      if (file === undefined) return [];
      file.title = f.title ?? file.title;
      return [file];
    });
    if (files.length !== listed.length) return [200, { ok: false, error: 'file_not_found' }];
    const channel = this.state.channelByRef(str(p.channel_id));
    if (channel !== undefined) {
      const threadTs = str(p.thread_ts);
      const message: EmulatedMessage = {
        channel: channel.id,
        ts: this.state.nextTs(),
        text: str(p.initial_comment),
        blocks: [],
        threadTs: threadTs === '' ? undefined : threadTs,
        updates: 0,
        files,
      };
      this.state.messages.push(message);
      this.events.emit('message', message);
    }
    return [200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) }];
  }

  private postEphemeral(p: Params): ApiReply {
    const channel = this.state.channelByRef(str(p.channel));
    if (channel === undefined) return [200, { ok: false, error: 'channel_not_found' }];
    const ephemeral = {
      channel: channel.id,
      user: str(p.user),
      text: str(p.text),
      blocks: blocksParam(p.blocks),
    };
    this.state.ephemerals.push(ephemeral);
    this.events.emit('ephemeral', ephemeral);
    return [200, { ok: true, message_ts: this.state.nextTs() }];
  }

  private view(method: string, p: Params): ApiReply {
    const id = this.state.nextId('V');
    const view = typeof p.view === 'string' ? (JSON.parse(p.view) as unknown) : p.view;
    const userId = str(p.user_id);
    const entry = { id, method, view, userId: userId === '' ? undefined : userId };
    this.state.views.push(entry);
    this.events.emit('view', entry);
    return [200, { ok: true, view: { ...(typeof view === 'object' && view !== null ? view : {}), id } }];
  }
}
