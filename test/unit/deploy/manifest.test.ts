import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '../../..');

/** Each Web API method Vigie calls, and the bot scopes it needs (Slack's method reference). */
const SCOPES_BY_METHOD: Record<string, string[]> = {
  // Cards go to channels by name without joining them first: chat:write.public.
  'chat.postMessage': ['chat:write', 'chat:write.public'],
  'chat.update': ['chat:write'],
  'views.open': [],
  'views.publish': [],
  'conversations.info': ['channels:read', 'groups:read'],
  // A card whose post outcome was lost is found again by its metadata (the channel's id first).
  'conversations.list': ['channels:read', 'groups:read'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'usergroups.list': ['usergroups:read'],
  'users.info': ['users:read'],
  // The post-mortem draft, shared in the card's thread.
  filesUploadV2: ['files:write'],
};
const SCOPES_BY_EVENT: Record<string, string[]> = { app_mention: ['app_mentions:read'], app_home_opened: [] };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'sandbox' ? [] : sources(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

const code = sources(path.join(ROOT, 'src'))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; url: string }>;
    app_home: { home_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}
const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;

describe('manifest.yml against the code', () => {
  const methods = new Set(
    [
      ...code.matchAll(
        /client\.(chat|views|conversations|usergroups|users)\.([a-zA-Z]+)(?:\.([a-zA-Z]+))?\(/g,
      ),
    ].map((m) => m.slice(1).filter(Boolean).join('.')),
  );
  if (/\bsay\(/.test(code)) methods.add('chat.postMessage');
  if (/client\.filesUploadV2\(/.test(code)) methods.add('filesUploadV2');
  const commands = [...code.matchAll(/app\.command\('([^']+)'/g)].map((m) => m[1]);
  const events = [...code.matchAll(/app\.event\('([^']+)'/g)].map((m) => m[1] ?? '');

  it('knows the scopes of every Web API method the code calls', () => {
    expect([...methods].sort()).toEqual([
      'chat.postMessage',
      'chat.update',
      'conversations.history',
      'conversations.info',
      'conversations.list',
      'conversations.replies',
      'filesUploadV2',
      'usergroups.list',
      'users.info',
      'views.open',
      'views.publish',
    ]);
    for (const method of methods) expect(SCOPES_BY_METHOD[method]).toBeDefined();
  });

  it('asks for exactly the bot scopes Vigie uses, no more', () => {
    const needed = new Set([
      ...[...methods].flatMap((m) => SCOPES_BY_METHOD[m] ?? []),
      ...events.flatMap((e) => SCOPES_BY_EVENT[e] ?? ['unknown-event']),
      ...(commands.length > 0 ? ['commands'] : []),
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('declares the commands and events the listeners handle, all on /slack/events', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...events].sort());
    expect(manifest.features.app_home.home_tab_enabled).toBe(events.includes('app_home_opened'));
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    expect(new Set(urls)).toEqual(new Set(['https://YOUR-HOST/slack/events']));
    // The one route Slack's requests reach (the request gate, then Bolt).
    expect(code).toContain("path: '/slack/events'");
  });
});
