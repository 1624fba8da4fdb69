import { z } from 'zod';
import type { CardRef, DigestRef } from './store';
import { json, problems, UnreadableDocumentError } from './incident-document';

const cardRef = z.object({
  channel: z.string(),
  channelId: z.string(),
  ts: z.string(),
  threadedSeq: z.number().int(),
  hash: z.string().optional(),
  shown: z.string().optional(),
  version: z.number().int().optional(),
  postingSince: z.number().optional(),
  threadPending: z.object({ upTo: z.number().int(), since: z.number() }).optional(),
  digest: z.string().optional(),
});

const digestRef = z.object({
  channel: z.string(),
  channelId: z.string(),
  ts: z.string(),
  hash: z.string().optional(),
  postingSince: z.number().optional(),
});

function read<T>(schema: z.ZodType<T>, text: string, what: string): T {
  const parsed = schema.safeParse(json(text, what));
  if (!parsed.success) throw new UnreadableDocumentError(what, problems(parsed.error));
  return parsed.data;
}

/** A card reference read back from the store: checked, never cast. */
export const readCardRef = (text: string, what: string): CardRef => read(cardRef, text, what);

export const readDigestRef = (text: string, what: string): DigestRef => read(digestRef, text, what);
