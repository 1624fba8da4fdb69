import cron from 'node-cron';
import { z } from 'zod';
import type { Locale } from '../i18n/locale';

/**
 * The one place that reads `process.env`. Everything else receives a typed `Config`.
 * An invalid variable stops the process with a message naming the variable, never its value
 * (values may be secrets).
 */

/** PagerDuty retries (after a 429, a 5xx or no answer): 1 s, 2 s, 4 s, then the delivery is failed. */
export const DEFAULT_PAGERDUTY_RETRY_DELAYS_MS = [1_000, 2_000, 4_000];

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v)));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Default: 127.0.0.1 for the local sandbox (its click endpoint acts as a user with every role), else 0.0.0.0. */
  HOST: optionalString,
  PUBLIC_URL: optionalString,
  REDIS_URL: optionalString.refine(
    (url) => url === undefined || /^rediss?:\/\//i.test(url),
    'must start with redis:// (or rediss:// for TLS), e.g. redis://localhost:6379',
  ),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i, 'letters, digits, ":", "_" or "-" only')
    .default('vigie'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: z.url().optional(),
  /** The installed workspace (and Enterprise Grid organisation); learned from auth.test when unset. */
  SLACK_TEAM_ID: z
    .string()
    .regex(/^T[A-Z0-9]{2,}$/, 'a Slack team id such as T0123ABCD')
    .optional(),
  SLACK_ENTERPRISE_ID: z
    .string()
    .regex(/^E[A-Z0-9]{2,}$/, 'a Slack enterprise id such as E0123ABCD')
    .optional(),
  SLACK_DEFAULT_CHANNEL: z.string().min(1).default('#sre-alerts'),
  ALERTMANAGER_TOKEN: optionalString,
  ALERTS_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
  RUNBOOKS_DIR: z.string().default('./runbooks'),
  POSTMORTEM_TEMPLATE: z.string().default('./docs/compliance/postmortem.md'),
  POSTMORTEM_REMINDER_CRON: z
    .string()
    .refine(
      (expression) => cron.validate(expression),
      'not a cron expression, e.g. "0 10 * * 1-5" (10:00 on weekdays)',
    )
    .default('0 10 * * 1-5'),
  LOCALE: z.enum(['fr', 'en']).default('fr'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** json: one JSON object a line (log pipelines); pretty: for a person; auto: pretty on a terminal or in the sandbox. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  SANDBOX: booleanString,
  SLACK_ESCALATION_CHANNEL: z.string().min(1).default('#sre-escalations'),
  OPS_API_URL: z.url().optional(),
  OPS_API_TOKEN: optionalString,
  OPS_DRY_RUN: booleanString,
  PAGERDUTY_EVENTS_URL: z.url().default('https://events.pagerduty.com/v2/enqueue'),
  PAGERDUTY_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds, e.g. 1000,2000,4000')
    .default(DEFAULT_PAGERDUTY_RETRY_DELAYS_MS.join(',')),
  SMTP_URL: optionalString,
  PROMETHEUS_URL: z.url().optional(),
  EMAIL_FROM: z.string().min(3).default('Vigie <vigie@jmd.example>'),
  /** Resolved incidents (timeline, audit log, card refs) are kept this long, then expire in Redis. */
  INCIDENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  ESCALATION_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  ESCALATION_POLL_MS: z.coerce.number().int().min(10).max(1000).default(250),
});

/** PAGERDUTY_ROUTING_KEY_<ROLE> variables: contacts.yml names which one each role pages. */
const ROUTING_KEY_PREFIX = 'PAGERDUTY_ROUTING_KEY_';

export type { Locale } from '../i18n/locale';

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  redis: { url: string; keyPrefix: string; retentionDays: number } | undefined;
  slack:
    | {
        mode: 'workspace';
        botToken: string;
        signingSecret: string;
        apiUrl: string | undefined;
        teamId: string | undefined;
        enterpriseId: string | undefined;
      }
    | { mode: 'sandbox' };
  defaultChannel: string;
  escalationChannel: string;
  /** The JMD ops API that mitigations call; `dryRun` shows the request instead of sending it. */
  ops: { baseUrl: string | undefined; token: string | undefined; dryRun: boolean };
  pagerduty: { eventsUrl: string; routingKeys: Record<string, string>; retryDelaysMs: number[] };
  email: { smtpUrl: string | undefined; from: string };
  escalation: { leaseMs: number; pollMs: number };
  alertmanagerToken: string | undefined;
  alertsMaxBodyBytes: number;
  runbooksDir: string;
  postmortemTemplate: string;
  /** Where the availability SLI is read from, if the budget should come from Prometheus. */
  prometheusUrl: string | undefined;
  /** When owed post-incident duties are nudged (node-cron; default 10:00 on weekdays). */
  postmortemReminderCron: string;
  locale: Locale;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logFormat: z.infer<typeof envSchema>['LOG_FORMAT'];
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}\nFix these variables and start again.`);
  }
  const e = parsed.data;
  const sandbox = e.SANDBOX ?? e.SLACK_BOT_TOKEN === undefined;
  if (!sandbox && (e.SLACK_BOT_TOKEN === undefined || e.SLACK_SIGNING_SECRET === undefined)) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must both be set to connect to a Slack workspace ' +
        '(unset SLACK_BOT_TOKEN to run the local sandbox instead).',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST ?? (sandbox ? '127.0.0.1' : '0.0.0.0'),
    publicUrl: e.PUBLIC_URL,
    redis:
      e.REDIS_URL === undefined
        ? undefined
        : { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, retentionDays: e.INCIDENT_RETENTION_DAYS },
    slack:
      sandbox || e.SLACK_BOT_TOKEN === undefined || e.SLACK_SIGNING_SECRET === undefined
        ? { mode: 'sandbox' }
        : {
            mode: 'workspace',
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            apiUrl: e.SLACK_API_URL,
            teamId: e.SLACK_TEAM_ID,
            enterpriseId: e.SLACK_ENTERPRISE_ID,
          },
    defaultChannel: e.SLACK_DEFAULT_CHANNEL,
    escalationChannel: e.SLACK_ESCALATION_CHANNEL,
    // Local mode never touches a real ops API unless asked to.
    ops: { baseUrl: e.OPS_API_URL, token: e.OPS_API_TOKEN, dryRun: e.OPS_DRY_RUN ?? sandbox },
    pagerduty: {
      eventsUrl: e.PAGERDUTY_EVENTS_URL,
      routingKeys: Object.fromEntries(
        Object.entries(env).filter(
          (entry): entry is [string, string] =>
            entry[0].startsWith(ROUTING_KEY_PREFIX) && (entry[1] ?? '') !== '',
        ),
      ),
      retryDelaysMs: e.PAGERDUTY_RETRY_DELAYS_MS.split(',').map(Number),
    },
    email: { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM },
    escalation: { leaseMs: e.ESCALATION_LEASE_MS, pollMs: e.ESCALATION_POLL_MS },
    alertmanagerToken: e.ALERTMANAGER_TOKEN,
    alertsMaxBodyBytes: e.ALERTS_MAX_BODY_BYTES,
    runbooksDir: e.RUNBOOKS_DIR,
    postmortemTemplate: e.POSTMORTEM_TEMPLATE,
    prometheusUrl: e.PROMETHEUS_URL,
    postmortemReminderCron: e.POSTMORTEM_REMINDER_CRON,
    locale: e.LOCALE,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}
