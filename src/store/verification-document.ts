import { z } from 'zod';
import { COMPARISONS } from '../incidents/verification-types';

/** The parts of a stored incident that mitigation verification adds (checked on read, never cast). */

const comparison = z.enum(COMPARISONS);

/** The trigger's value and threshold frozen on the incident's policy. */
export const triggerCheck = z.object({
  value: z.string(),
  comparison,
  threshold: z.number(),
  scopeLabels: z.array(z.string()),
});

export const verifyTiming = z.object({ afterMs: z.number(), holdMs: z.number() });

/** One mitigation's check and its verdict. */
export const verification = z.object({
  mitigationId: z.string(),
  run: z.number(),
  by: z.string(),
  from: z.number(),
  until: z.number(),
  status: z.enum(['pending', 'recovered', 'degraded', 'impossible']),
  expr: z.string().optional(),
  condition: z.object({ comparison, threshold: z.number() }).optional(),
  worst: z.number().optional(),
  last: z.number().optional(),
  problem: z
    .discriminatedUnion('code', [
      z.object({ code: z.literal('prometheus_unreachable'), detail: z.string() }),
      z.object({
        code: z.literal('prometheus_error'),
        status: z.number(),
        error: z.string().optional(),
      }),
      z.object({ code: z.literal('no_data') }),
      z.object({ code: z.literal('no_threshold') }),
      z.object({ code: z.literal('not_configured') }),
    ])
    .optional(),
  decidedAt: z.number().optional(),
});
