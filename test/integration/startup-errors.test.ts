import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, startRedisServer } from '../support/redis-server';

const ROOT = path.join(__dirname, '../..');

/** Runs Vigie's entry point with `env`; resolves with its exit code and what it printed (SIGTERM after `forMs`). */
function runVigie(
  env: Record<string, string>,
  forMs?: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, output }));
    if (forMs !== undefined) setTimeout(() => child.kill('SIGTERM'), forMs);
  });
}

describe('start-up errors name what to fix', () => {
  it('a port already in use names PORT and exits 1', async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const { code, output } = await runVigie({ PORT: String(port), HOST: '127.0.0.1' });
      expect(code).toBe(1);
      expect(output).toContain(`PORT=${port}`);
      expect(output).toContain('already in use');
    } finally {
      busy.close();
    }
  }, 60_000);

  it('a REDIS_URL with another scheme is refused before anything starts', async () => {
    const { code, output } = await runVigie({ REDIS_URL: 'http://cache.internal:6379', PORT: '0' });
    expect(code).toBe(1);
    expect(output).toContain('REDIS_URL');
    expect(output).toContain('redis://');
  }, 60_000);

  it('a Redis that stays down is logged once per connection, then every 30 s — not a line per attempt', async () => {
    const port = await freePort();
    const { output } = await runVigie(
      { REDIS_URL: `redis://127.0.0.1:${port}`, PORT: '0', LOG_FORMAT: 'json' },
      6000,
    );
    const lines = output.split('\n').filter((l) => l.includes('redis:'));
    // A positive witness: both connections said it, over about five seconds of reconnecting.
    expect(lines.filter((l) => l.includes('redis: unreachable'))).toHaveLength(2);
    expect(lines.filter((l) => l.includes('still unreachable'))).toHaveLength(0);
    expect(output).not.toContain('Unhandled error event');
  }, 60_000);

  it('wrong Redis credentials are told as such, with the fix', async () => {
    const port = await freePort();
    const redis = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--requirepass',
        'right',
      ],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((r) => setTimeout(r, 500));
      const { output } = await runVigie(
        { REDIS_URL: `redis://:wrong@127.0.0.1:${port}`, PORT: '0', LOG_FORMAT: 'json' },
        4000,
      );
      expect(output).toContain('authentication refused — fix the user or password in REDIS_URL');
      expect(output).not.toContain(':wrong@');
    } finally {
      redis.kill('SIGKILL');
    }
  }, 60_000);

  it('a Redis that would delete keys when full is told at start, with the fix; noeviction is not', async () => {
    const server = await startRedisServer();
    const admin = new Redis(server.url);
    try {
      await admin.config('SET', 'maxmemory', String(256 * 1024 * 1024));
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const evicting = await runVigie({ REDIS_URL: server.url, PORT: '0', LOG_FORMAT: 'json' }, 5000);
      // The positive witness: it connected (the warning follows that line at once).
      expect(evicting.output).toContain('"maxmemoryPolicy":"allkeys-lru"');
      expect(evicting.output).toContain('store: connected to Redis');
      expect(evicting.output).toContain(
        "Redis's maxmemory-policy is allkeys-lru: when Redis is full it deletes any key to make room, open incidents",
      );
      expect(evicting.output).toContain('Set maxmemory-policy noeviction');

      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      const safe = await runVigie({ REDIS_URL: server.url, PORT: '0', LOG_FORMAT: 'json' }, 5000);
      expect(safe.output).toContain('"maxmemoryPolicy":"noeviction"');
      expect(safe.output).not.toContain('maxmemory-policy is');
    } finally {
      admin.disconnect();
      await server.stop();
    }
  }, 60_000);
});
