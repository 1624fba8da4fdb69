import { z } from 'zod';
import { durationSchema, idSchema } from './schema';

/** slo.yml: the availability objective and its error budget, RPO, RTO and the post-incident duties. */
export const sloSchema = z.strictObject({
  availability: z.strictObject({
    description: z.string().min(1),
    objective: z.number().gt(0).lt(1),
    window: z.literal('calendar_month'),
    budget: durationSchema,
    breach: z.string().min(1),
    consumed_by: z.array(z.string().min(1)).default([]),
    /**
     * The environment the SLO is about (e.g. `{ env: prod }`): only incidents whose alerts carry these
     * labels consume the budget or raise « SLA menacé ». Empty: every incident of `consumed_by`.
     */
    scope: z.record(z.string().min(1), z.string()).default({}),
    /**
     * How far before Vigie received it an alert's start may count against the budget: an alert whose
     * `startsAt` is older (Alertmanager restarted, an alert replayed days later) counts from this long
     * before its receipt, and the card says so.
     */
    start_lookback_max: durationSchema.default(60 * 60_000),
    /** The month-end projection's pace is counted over at least this long (see projectToMonthEnd). */
    projection_min_history: durationSchema.default(7 * 24 * 60 * 60_000),
    /** « SLA menacé »: feeds the SEV1 step of the consuming runbooks. */
    sla_threatened: z
      .strictObject({
        remaining_ratio_below: z.number().gt(0).lt(1).optional(),
        projected_breach: z.boolean().default(false),
      })
      .default({ projected_breach: false }),
    /**
     * With PROMETHEUS_URL set, the budget is read from this SLI instead: a PromQL expression giving the
     * month-to-date availability ratio (0–1); `$__month` is replaced by the time elapsed this month.
     */
    sli: z
      .strictObject({
        promql: z.string().min(1),
        /**
         * When the SLI's data begins (a Unix time in seconds): a month's figure from a few minutes of
         * data says so and never raises « SLA menacé » alone. Default: Prometheus's oldest sample.
         */
        data_since: z.string().min(1).default('min(prometheus_tsdb_lowest_timestamp_seconds)'),
      })
      .optional(),
  }),
  rpo: z.strictObject({
    description: z.string().min(1),
    duration: durationSchema,
    breach: z.string().min(1),
  }),
  rto: z.strictObject({
    description: z.string().min(1),
    duration: durationSchema,
    apis: z.array(z.string().min(1)).min(1),
  }),
  post_incident: z.array(
    z.strictObject({ id: idSchema, label: z.string().min(1), path: z.string().optional() }),
  ),
});

export type Slo = z.output<typeof sloSchema>;
