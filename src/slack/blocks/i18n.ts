import type { IncidentStatus, Severity, TimelineKind } from '../../incidents/types';

export type Locale = 'fr' | 'en';

export interface CardStrings {
  status: Record<IncidentStatus, string>;
  severity: Record<Severity, string>;
  fields: {
    status: string;
    severity: string;
    started: string;
    duration: string;
    runbook: string;
    incident: string;
  };
  since: (ago: string) => string;
  lasted: (duration: string) => string;
  acknowledgedBy: (user: string) => string;
  /** Beside a status that already says what happened: « Pris en charge (par @x) ». */
  statusBy: (user: string) => string;
  /** « 1 incident ouvert », « 3 incidents ouverts » (the language's plural rules). */
  openIncidents: (count: number) => string;
  /** "*Routes touchées* : 2 en cours, 1 résolue", worded for the runbook's item label. */
  affected: (firing: number, resolved: number, itemLabel: string | undefined) => string;
  more: (n: number) => string;
  truncated: (n: number) => string;
  triage: string;
  mitigations: string;
  links: string;
  open: string;
  prometheusGraph: string;
  alertmanager: string;
  unmapped: (channel: string) => string;
  resolvedAuto: string;
  resolvedBy: (user: string) => string;
  updated: string;
  timeline: string;
  timelineKind: Record<TimelineKind, string>;
  fallback: (id: string, severity: string, title: string, status: string) => string;
  actions: ActionStrings;
  digest: DigestStrings;
}

/** The storm digest: one message listing the incidents opened too fast for a card each. */
export interface DigestStrings {
  title: (runbook: string) => string;
  explain: (total: number, perMinute: number, since: string) => string;
  more: (n: number) => string;
  openCard: string;
  placeholder: string;
  fallback: (runbook: string, total: number) => string;
}

export interface ActionStrings {
  acknowledge: string;
  /** The card button opening the resolve modal. */
  resolve: string;
  check: string;
  uncheck: string;
  checkedBy: (user: string, when: string) => string;
  retry: string;
  /** The button of a mitigation that already succeeded. */
  rerun: string;
  /** Said first in the confirm dialog of a mitigation that already succeeded. */
  alreadyRan: (user: string, when: string) => string;
  run: Record<'running' | 'succeeded' | 'failed' | 'dry_run', string>;
  runBy: (user: string) => string;
  inMs: (ms: number) => string;
  summary: string;
  resolution: { cause: string; summary: string; impact: string };
  thread: (id: string) => string;
}

const frActions: ActionStrings = {
  acknowledge: 'Prendre en charge',
  resolve: 'Résoudre',
  check: 'Cocher',
  uncheck: 'Décocher',
  checkedBy: (user, when) => `coché par ${user} ${when}`,
  retry: 'Réessayer',
  rerun: 'Relancer',
  alreadyRan: (user, when) => `⚠️ Déjà lancée avec succès par ${user} ${when}.`,
  run: { running: '⏳ en cours', succeeded: '✅ réussi', failed: '❌ échec', dry_run: '🧪 simulé (dry run)' },
  runBy: (user) => `par ${user}`,
  inMs: (ms) => `en ${ms} ms`,
  summary: 'Résumé',
  resolution: { cause: 'Cause', summary: 'Résumé', impact: 'Impact client' },
  thread: (id) => `Fil de l'incident ${id}`,
};

const enActions: ActionStrings = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  check: 'Tick',
  uncheck: 'Untick',
  checkedBy: (user, when) => `ticked by ${user} ${when}`,
  retry: 'Retry',
  rerun: 'Run again',
  alreadyRan: (user, when) => `⚠️ Already run successfully by ${user} ${when}.`,
  run: {
    running: '⏳ running',
    succeeded: '✅ succeeded',
    failed: '❌ failed',
    dry_run: '🧪 simulated (dry run)',
  },
  runBy: (user) => `by ${user}`,
  inMs: (ms) => `in ${ms} ms`,
  summary: 'Summary',
  resolution: { cause: 'Cause', summary: 'Summary', impact: 'Customer impact' },
  thread: (id) => `Thread of incident ${id}`,
};

/** How the French card names the items of an incident, and whether the noun is feminine. */
const FR_ITEMS: Record<string, [string, boolean]> = {
  path: ['Routes touchées', true],
  connector: ['Connecteurs touchés', false],
  org: ['Organisations touchées', true],
};
const EN_ITEMS: Record<string, string> = {
  path: 'Affected routes',
  connector: 'Affected connectors',
  org: 'Affected organisations',
};

const frDigest: DigestStrings = {
  title: (runbook) => `🌩️ Tempête d'alertes — ${runbook}`,
  explain: (total, perMinute, since) =>
    `${total} incident${total > 1 ? 's' : ''} depuis ${since}, plus de ${perMinute} nouvelles cartes par minute : ils sont listés ici plutôt qu'une carte chacun. Chacun est suivi par Vigie (escalades, résolution automatique) ; ouvrez sa carte pour agir, ou \`/incident ack INC-…\`.`,
  more: (n) => `… et ${n} autre${n > 1 ? 's' : ''} (\`/incident liste\`)`,
  openCard: 'Ouvrir la carte',
  placeholder: 'Choisir un incident',
  fallback: (runbook, total) => `Tempête d'alertes — ${runbook} : ${total} incident${total > 1 ? 's' : ''}`,
};

const enDigest: DigestStrings = {
  title: (runbook) => `🌩️ Alert storm — ${runbook}`,
  explain: (total, perMinute, since) =>
    `${total} incident${total === 1 ? '' : 's'} since ${since}, more than ${perMinute} new cards a minute: they are listed here instead of a card each. Vigie follows each one (escalations, automatic resolution); open its card to act, or \`/incident ack INC-…\`.`,
  more: (n) => `… and ${n} more (\`/incident list\`)`,
  openCard: 'Open the card',
  placeholder: 'Pick an incident',
  fallback: (runbook, total) => `Alert storm — ${runbook}: ${total} incident${total === 1 ? '' : 's'}`,
};

const fr: CardStrings = {
  status: { open: '🔥 En cours', acknowledged: '👀 Pris en charge', resolved: '✅ Résolu' },
  severity: { SEV1: '🔴 SEV1', SEV2: '🟠 SEV2', warning: '🟡 Warning' },
  fields: {
    status: 'Statut',
    severity: 'Sévérité',
    started: 'Début',
    duration: 'Durée',
    runbook: 'Runbook',
    incident: 'Incident',
  },
  since: (ago) => `en cours, début ${ago}`,
  lasted: (d) => `${d}`,
  acknowledgedBy: (user) => `pris en charge par ${user}`,
  statusBy: (user) => `par ${user}`,
  openIncidents: (count) => `${count} incident${count > 1 ? 's' : ''} ouvert${count > 1 ? 's' : ''}`,
  affected: (firing, resolved, itemLabel) => {
    const [heading, feminine] = FR_ITEMS[itemLabel ?? ''] ?? ['Alertes', true];
    const done = `résolu${feminine ? 'e' : ''}${resolved > 1 ? 's' : ''}`;
    return `*${heading}* : ${firing} en cours${resolved > 0 ? `, ${resolved} ${done}` : ''}`;
  },
  more: (n) => `… et ${n} de plus`,
  truncated: (n) =>
    `⚠️ Alertmanager a tronqué ${n} alerte${n > 1 ? 's' : ''} de ce groupe (truncatedAlerts) : voir Alertmanager.`,
  triage: 'Triage',
  mitigations: 'Mitigation',
  links: 'Liens',
  open: 'ouvrir',
  prometheusGraph: 'Graphe Prometheus',
  alertmanager: 'Alertmanager',
  unmapped: (channel) =>
    `❔ Aucun runbook ne correspond à cette alerte : carte générique dans ${channel}. Ajoutez un label \`runbook\` ou déclarez l'alertname dans un runbook.`,
  resolvedAuto: 'Résolu automatiquement : toutes les alertes sont résolues.',
  resolvedBy: (user) => `Résolu par ${user}.`,
  updated: 'mis à jour',
  timeline: 'Chronologie',
  timelineKind: {
    opened: 'Ouverture',
    declared: 'Déclaration',
    alerts_firing: 'Nouvelles alertes',
    alerts_resolved: 'Alertes résolues',
    reopened: 'Réouverture',
    resolved: 'Résolution',
    acknowledged: 'Prise en charge',
    truncated: 'Alertes tronquées',
    triage_checked: 'Triage coché',
    triage_unchecked: 'Triage décoché',
    mitigation_started: 'Mitigation lancée',
    mitigation_succeeded: 'Mitigation réussie',
    mitigation_failed: 'Mitigation en échec',
    mitigation_dry_run: 'Mitigation simulée (dry run)',
    note: 'Note',
    escalated: 'Escalade',
    escalation_delivered: 'Escalade transmise',
    notified: 'Canaux du runbook prévenus',
    notification_delivered: 'Canaux du runbook : envoi',
    followup_checked: 'Suivi coché',
    followup_unchecked: 'Suivi décoché',
  },
  fallback: (id, severity, title, status) => `[${severity}] ${title} — ${status} (${id})`,
  actions: frActions,
  digest: frDigest,
};

const en: CardStrings = {
  status: { open: '🔥 Firing', acknowledged: '👀 Acknowledged', resolved: '✅ Resolved' },
  severity: { SEV1: '🔴 SEV1', SEV2: '🟠 SEV2', warning: '🟡 Warning' },
  fields: {
    status: 'Status',
    severity: 'Severity',
    started: 'Started',
    duration: 'Duration',
    runbook: 'Runbook',
    incident: 'Incident',
  },
  since: (ago) => `ongoing, started ${ago}`,
  lasted: (d) => `${d}`,
  acknowledgedBy: (user) => `acknowledged by ${user}`,
  statusBy: (user) => `by ${user}`,
  openIncidents: (count) => `${count} open incident${count === 1 ? '' : 's'}`,
  affected: (firing, resolved, itemLabel) =>
    `*${EN_ITEMS[itemLabel ?? ''] ?? 'Alerts'}*: ${firing} firing${resolved > 0 ? `, ${resolved} resolved` : ''}`,
  more: (n) => `… and ${n} more`,
  truncated: (n) =>
    `⚠️ Alertmanager truncated ${n} alert${n > 1 ? 's' : ''} from this group (truncatedAlerts): see Alertmanager.`,
  triage: 'Triage',
  mitigations: 'Mitigation',
  links: 'Links',
  open: 'open',
  prometheusGraph: 'Prometheus graph',
  alertmanager: 'Alertmanager',
  unmapped: (channel) =>
    `❔ No runbook matches this alert: generic card in ${channel}. Add a \`runbook\` label or list the alertname in a runbook.`,
  resolvedAuto: 'Resolved automatically: every alert has resolved.',
  resolvedBy: (user) => `Resolved by ${user}.`,
  updated: 'updated',
  timeline: 'Timeline',
  timelineKind: {
    opened: 'Opened',
    declared: 'Declared',
    alerts_firing: 'New alerts',
    alerts_resolved: 'Alerts resolved',
    reopened: 'Reopened',
    resolved: 'Resolved',
    acknowledged: 'Acknowledged',
    truncated: 'Alerts truncated',
    triage_checked: 'Triage ticked',
    triage_unchecked: 'Triage unticked',
    mitigation_started: 'Mitigation started',
    mitigation_succeeded: 'Mitigation succeeded',
    mitigation_failed: 'Mitigation failed',
    mitigation_dry_run: 'Mitigation simulated (dry run)',
    note: 'Note',
    escalated: 'Escalation',
    escalation_delivered: 'Escalation delivered',
    notified: 'Runbook channels notified',
    notification_delivered: 'Runbook channels: delivery',
    followup_checked: 'Follow-up ticked',
    followup_unchecked: 'Follow-up unticked',
  },
  fallback: (id, severity, title, status) => `[${severity}] ${title} — ${status} (${id})`,
  actions: enActions,
  digest: enDigest,
};

export function cardStrings(locale: Locale): CardStrings {
  return locale === 'en' ? en : fr;
}
