/**
 * Per-channel pacing of Slack writes: at most one message per `intervalMs` per channel (Slack allows
 * about one per second), and a 429 pauses that channel alone for its Retry-After. Other channels go on.
 */
export class ChannelGate {
  private readonly nextFree = new Map<string, number>();

  constructor(private readonly intervalMs = 1000) {}

  /** Milliseconds to wait before `channel` may be written; 0 means go, and the slot is taken. */
  reserve(channel: string, now: number): number {
    const free = this.nextFree.get(channel) ?? 0;
    if (free > now) return free - now;
    this.nextFree.set(channel, now + this.intervalMs);
    return 0;
  }

  pause(channel: string, untilMs: number): void {
    this.nextFree.set(channel, Math.max(untilMs, this.nextFree.get(channel) ?? 0));
  }
}
