import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');

/** Runs Vigie's entry point with `env`; resolves with its exit code and what it printed. */
function runVigie(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
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
});
