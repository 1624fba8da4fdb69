import { z } from 'zod';
import { parseDuration } from './duration';

/** A duration written as in Prometheus ("15m", "24h"), held in milliseconds. */
export const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `durée invalide « ${text} » : écrivez 30s, 15m, 1h30m, 24h` });
    return z.NEVER;
  }
  return ms;
});

export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'minuscules, chiffres et « - » seulement');
const roleRef = z.string().min(1);
const slackChannel = z
  .string()
  .regex(/^(#[a-z0-9._-]+|[CG][A-Z0-9]{6,})$/, 'un « #nom-de-canal » ou un id de canal (C…)');

export const severitySchema = z.enum(['SEV1', 'SEV2', 'warning']);

const triageStepSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1).max(300),
  link: z.string().min(1).optional(),
});

const confirmSchema = z.strictObject({
  title: z.string().min(1).max(100),
  text: z.string().min(1).max(300),
  confirm: z.string().min(1).max(30),
  deny: z.string().min(1).max(30),
});

const httpActionSchema = z.strictObject({
  type: z.literal('http'),
  method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().startsWith('/'),
  body: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  timeout: durationSchema.default(10_000),
});
const linkActionSchema = z.strictObject({ type: z.literal('link'), url: z.string().min(1) });
const manualActionSchema = z.strictObject({ type: z.literal('manual'), checklist: z.string().min(1) });

/**
 * After a mitigation succeeds, Vigie asks Prometheus the trigger's own expression, scoped to the
 * incident: `after` for the mitigation to take effect, then its value must stay on the right side of
 * the trigger's threshold for `hold`.
 */
const verifyTimingSchema = z.strictObject({ after: durationSchema, hold: durationSchema });

const mitigationSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1).max(75),
  description: z.string().min(1).max(500),
  confirm: confirmSchema,
  /** Undoes or stops something (a rollback, a purge, a switch): a red button and a red confirm. */
  destructive: z.boolean().default(false),
  allowed: z.array(roleRef).min(1),
  action: z.discriminatedUnion('type', [httpActionSchema, linkActionSchema, manualActionSchema]),
  /** Its own check timing, or `false` for a mitigation whose effect the trigger cannot show. */
  verify: z.union([z.literal(false), verifyTimingSchema.partial()]).optional(),
});

const conditionSchema = z.union([
  z.strictObject({ open_longer_than: durationSchema }),
  z.strictObject({ affected_at_least: z.number().int().min(1) }),
  z.strictObject({ sla_threatened: z.literal(true) }),
]);

const escalationStepSchema = z.strictObject({
  id: idSchema,
  description: z.string().min(1),
  /**
   * What the timeline's delivery lines call the step (« Tech Lead + On-call Backend »), where the
   * description would be a whole sentence; without it, the description's first clause.
   */
  name: z.string().trim().min(1).max(40).optional(),
  /**
   * When the step fires: a deadline (from the opening, or with `from: start` from the incident's start
   * as its card counts it: the RTO's and RPO's clock), a card button, or a condition.
   */
  when: z.union([
    z.strictObject({ after: durationSchema, from: z.enum(['opening', 'start']).default('opening') }),
    z.strictObject({ button: z.string().min(1).max(75) }),
    z.strictObject({ any_of: z.array(conditionSchema).min(1) }),
  ]),
  unless: z.array(z.enum(['resolved', 'acknowledged'])).default(['resolved']),
  notify: z.array(roleRef).default([]),
  via: z.array(z.enum(['pagerduty', 'email', 'slack', 'slack_dm'])).default([]),
  sets: z
    .strictObject({
      severity: severitySchema.optional(),
      postmortem_required: z.boolean().optional(),
      customer_information_required: z.boolean().optional(),
      incident_report_required: z.boolean().optional(),
      rto_breached: z.boolean().optional(),
    })
    .default({}),
});

export const runbookSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+([._-][a-z0-9]+)*$/, 'un id en minuscules à points, par ex. api.5xx'),
  title: z.string().min(1).max(150),
  severity: severitySchema,
  trigger: z.strictObject({
    description: z.string().min(1),
    metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'un nom de métrique Prometheus'),
    expr: z.string().min(1),
    for: durationSchema,
    alertnames: z.array(z.string().min(1)).min(1),
  }),
  incident: z.strictObject({
    /** Labels whose values identify one incident; alerts sharing them land on one card. */
    group_by: z.array(z.string().min(1)).min(1),
    /** The label that tells the alerts of one incident apart (e.g. `path`: the routes). */
    item_label: z.string().min(1).optional(),
    auto_resolve: z.boolean().default(true),
    /** A re-fire within this window after resolution reopens the same incident. */
    reopen_window: durationSchema.default(30 * 60_000),
  }),
  channels: z.strictObject({
    slack: z.array(slackChannel).min(1),
    slack_note: z.string().optional(),
    email: z.array(roleRef).default([]),
    pagerduty: z.strictObject({ role: roleRef, severity: severitySchema }).optional(),
    /**
     * Wait before paging and emailing at open, so a blip is not a page: until the incident has been
     * firing for `firing_for`, or has `alerts` firing alerts, whichever comes first.
     */
    page_after: z
      .strictObject({ firing_for: durationSchema.optional(), alerts: z.number().int().min(1).optional() })
      .refine(
        (p) => p.firing_for !== undefined || p.alerts !== undefined,
        'donnez firing_for, alerts ou les deux',
      )
      .optional(),
    /**
     * During a storm, new incidents beyond this many cards per minute in a channel are listed on one
     * storm digest per channel (kept up to date, each incident one click from its own card) instead
     * of a card each: Slack posts about one message per second per channel.
     */
    cards_per_minute: z.number().int().min(1).max(60).default(10),
    /** Whether a reopened incident pages and emails the runbook's channels again (default: no). */
    page_on_reopen: z.boolean().default(false),
  }),
  links: z.array(z.strictObject({ label: z.string().min(1).max(75), url: z.string().min(1) })).default([]),
  /** How every mitigation of this runbook is checked after it succeeds (see `verify` on a mitigation). */
  verification: verifyTimingSchema.default({ after: 5 * 60_000, hold: 5 * 60_000 }),
  triage: z.array(triageStepSchema).min(1).max(10),
  mitigations: z.array(mitigationSchema).min(1).max(10),
  escalation: z.array(escalationStepSchema).default([]),
  recovery: z
    .strictObject({
      rto: durationSchema.optional(),
      rpo: durationSchema.optional(),
      notes: z.array(z.string().min(1)).default([]),
    })
    .default({ notes: [] }),
});

export const contactsSchema = z.strictObject({
  roles: z.record(
    idSchema,
    z.strictObject({
      name: z.string().min(1),
      email: z.email().optional(),
      slack: z
        .strictObject({
          usergroup: z
            .string()
            .regex(/^S[A-Z0-9]+$/, 'un id de groupe Slack (S…)')
            .optional(),
          users: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'un id d’utilisateur Slack (U…)')).default([]),
        })
        .default({ users: [] }),
      pagerduty_routing_key_env: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]*$/, 'un nom de variable d’environnement (MAJUSCULES_ET_TIRETS_BAS)')
        .optional(),
    }),
  ),
});

export const platformSchema = z.strictObject({
  urls: z.record(
    z.string().regex(/^[a-z_]+$/, 'un nom en minuscules et « _ »'),
    z.url('une URL complète (https://…)'),
  ),
});

export type Runbook = z.output<typeof runbookSchema>;
export type TriageStep = Runbook['triage'][number];
export type Mitigation = Runbook['mitigations'][number];
export type EscalationStep = Runbook['escalation'][number];
export type Contacts = z.output<typeof contactsSchema>;
export type Platform = z.output<typeof platformSchema>;
