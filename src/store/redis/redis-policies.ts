import { createHash } from 'node:crypto';
import type { IncidentPolicy } from '../../incidents/types';
import { readPolicy, UnreadableDocumentError } from '../incident-document';
import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import { guarded } from './redis-client';

/** Policies kept in memory: one per runbook version and scope, so a handful in practice. */
const CACHE_LIMIT = 1000;

/** A policy's reference: a digest of its JSON, so equal policies share one stored copy. */
const referenceOf = (text: string): string => createHash('sha1').update(text).digest('base64url');

/**
 * Incident policies (the runbook frozen on an incident), stored once each in one hash by reference
 * (layout 3) and kept in memory once read or written: reading an incident does not read nor check its
 * policy again, and saving one does not send it again once Redis has it.
 */
export class RedisPolicies {
  private readonly byRef = new Map<string, IncidentPolicy>();
  private readonly refs = new WeakMap<IncidentPolicy, { ref: string; text: string }>();
  /** References this process wrote or read in Redis: a save names them without sending the policy. */
  private readonly stored = new Set<string>();

  constructor(
    private readonly redis: VigieRedis,
    private readonly keys: RedisKeys,
  ) {}

  /** The policy's reference and JSON (computed once per policy object). */
  refOf(policy: IncidentPolicy): { ref: string; text: string } {
    const known = this.refs.get(policy);
    if (known !== undefined) return known;
    const text = JSON.stringify(policy);
    const entry = { ref: referenceOf(text), text };
    this.refs.set(policy, entry);
    return entry;
  }

  /** Whether this process knows Redis holds the policy (a save then names it only). */
  isStored(ref: string): boolean {
    return this.stored.has(ref);
  }

  /** Redis has it (written by a save, or read back). */
  markStored(ref: string, policy: IncidentPolicy): void {
    this.stored.add(ref);
    this.remember(ref, policy);
  }

  /** Redis said it does not have it (flushed, restored from an older copy): the next save sends it. */
  forget(ref: string): void {
    this.stored.delete(ref);
  }

  /** The policy in memory, if read or written before. */
  cached(ref: string): IncidentPolicy | undefined {
    return this.byRef.get(ref);
  }

  /** Reads a policy from Redis, checked; throws UnreadableDocumentError when missing or malformed. */
  async load(ref: string): Promise<IncidentPolicy> {
    const cached = this.byRef.get(ref);
    if (cached !== undefined) return cached;
    const text = await guarded('policy read', () => this.redis.hget(this.keys.policies(), ref));
    const what = `policy ${ref}`;
    if (text === null) throw new UnreadableDocumentError(what, 'missing from the policies hash');
    const policy = readPolicy(text, what);
    this.refs.set(policy, { ref, text });
    this.markStored(ref, policy);
    return policy;
  }

  private remember(ref: string, policy: IncidentPolicy): void {
    if (this.byRef.has(ref)) return;
    if (this.byRef.size >= CACHE_LIMIT) {
      const oldest = this.byRef.keys().next().value;
      if (oldest !== undefined) this.byRef.delete(oldest);
    }
    this.byRef.set(ref, policy);
  }
}
