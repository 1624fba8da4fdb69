import { z } from 'zod';

/**
 * What a card button carries: a small versioned JSON, checked on the way back. A value that does not
 * decode (tampered, truncated, from an older Vigie) is refused, never guessed at.
 */
const actionValueSchema = z.strictObject({
  v: z.literal(1),
  /** Incident id. */
  i: z.string().regex(/^INC-\d+$/),
  /** The incident generation the card was rendered for: a button from before a reopen is stale. */
  g: z.number().int().min(1),
  /** Triage step or mitigation id, when the button is about one. */
  s: z.string().max(64).optional(),
});

export type ActionValue = z.infer<typeof actionValueSchema>;

export function encodeActionValue(value: ActionValue): string {
  return JSON.stringify(value);
}

export function decodeActionValue(raw: string | undefined): ActionValue | null {
  if (raw === undefined) return null;
  try {
    const parsed = actionValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
