import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../test/support/redis-server';

/** The repository root, from dist-bench/bench/support. */
export const ROOT = path.join(__dirname, '../../..');

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** A process a benchmark measures: where it listens, and what /proc says of it. */
export interface Measured {
  url: string;
  child: ChildProcess;
  /** VmRSS (now) or VmHWM (peak), in MiB. */
  rssMb(field: 'VmRSS' | 'VmHWM'): number;
  /** CPU seconds the process has used so far. */
  cpuSeconds(): number;
  /** Of those, the seconds spent in the kernel (socket writes and reads, for the most part). */
  systemCpuSeconds(): number;
  stop(): Promise<void>;
}

/** CPU seconds a process has used so far, from /proc: in its own code (user) and in the kernel (system). */
export function processCpu(pid: number | undefined): { user: number; system: number } {
  const fields =
    readFileSync(`/proc/${pid ?? 'self'}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ') ?? [];
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function processCpuSeconds(pid: number | undefined): number {
  const { user, system } = processCpu(pid);
  return user + system;
}

/**
 * Starts `node <args>` on a free port (PORT), and waits until `readyPath` answers: `ok` (2xx) when
 * `needOk`, else any answer. Fails if the process exits first or after `timeoutMs`.
 */
export async function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: { path: string; needOk: boolean; timeoutMs: number },
): Promise<Measured> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + ready.timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode})`);
    const up = await fetch(`${url}${ready.path}`).then(
      (r) => r.ok || !ready.needOk,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`${name} not ready within ${ready.timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    rssMb: (field) => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 'NaN') / 1024;
    },
    cpuSeconds: () => processCpuSeconds(child.pid),
    systemCpuSeconds: () => processCpu(child.pid).system,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
