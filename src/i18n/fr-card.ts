import type { ActionStrings, CardStrings, DigestStrings } from './messages';

/** How the French card names the items of an incident, and whether the noun is feminine. */
const FR_ITEMS: Record<string, [string, boolean]> = {
  path: ['Routes touchées', true],
  connector: ['Connecteurs touchés', false],
  org: ['Organisations touchées', true],
};

const actions: ActionStrings = {
  acknowledge: 'Prendre en charge',
  resolve: 'Résoudre',
  check: 'Cocher',
  uncheck: 'Décocher',
  checkedBy: (user, when) => `coché par ${user} ${when}`,
  retry: 'Réessayer',
  rerun: 'Relancer',
  alreadyRan: (user, when) => `⚠️ Déjà lancée avec succès par ${user} ${when}.`,
  run: {
    running: '⏳ en cours',
    succeeded: '✅ réussie',
    failed: '❌ échec',
    dry_run: '🧪 simulée, rien envoyé',
  },
  runReason: (reason) => {
    switch (reason.code) {
      case 'ops_not_configured':
        return "l'API ops n'est pas configurée (OPS_API_URL) : rien n'a été envoyé";
      case 'timeout':
        return `pas de réponse en ${reason.ms} ms : l'API ops a pu agir, vérifiez avant de relancer`;
      case 'connection_refused':
        return "connexion refusée par l'API ops : rien n'a été fait";
      case 'request_failed':
        return `requête en échec (${reason.detail}) : l'API ops a pu agir, vérifiez avant de relancer`;
      case 'unsafe_path':
        return `${reason.variable} = « ${reason.value} » ne peut pas désigner une ressource (vide, « . » ou « .. ») : requête non envoyée`;
      case 'interrupted':
        return "interrompue : aucun résultat dans le délai (la réplique qui l'exécutait a pu s'arrêter) — vérifiez l'état puis réessayez";
    }
  },
  runBy: (user) => `par ${user}`,
  inMs: (ms) => `en ${ms} ms`,
  summary: 'Résumé',
  resolution: { cause: 'Cause', summary: 'Résumé', impact: 'Impact client' },
  thread: (id) => `Fil de l'incident ${id}`,
};

const digest: DigestStrings = {
  title: (runbook) => `🌩️ Tempête d'alertes — ${runbook}`,
  unmapped: 'alertes sans runbook',
  over: (total, since) =>
    total > 1
      ? `✅ Tempête terminée : les ${total} incidents listés depuis ${since} sont tous résolus.`
      : `✅ Tempête terminée : l'incident listé depuis ${since} est résolu.`,
  explain: (total, perMinute, since) =>
    `${total} incident${total > 1 ? 's' : ''} depuis ${since}, plus de ${perMinute} nouvelles cartes par minute : ils sont listés ici plutôt qu'une carte chacun. Chacun est suivi par Vigie (escalades, résolution automatique) ; ouvrez sa carte pour agir, ou \`/incident ack INC-…\`.`,
  more: (n) => `… et ${n} autre${n > 1 ? 's' : ''} : \`/incident liste &lt;mots&gt;\` les trouve`,
  openCard: 'Ouvrir la carte',
  placeholder: 'Choisir un incident',
  fallback: (runbook, total) => `Tempête d'alertes — ${runbook} : ${total} incident${total > 1 ? 's' : ''}`,
};

/** The incident card's words, in French (buttons, fields, the storm digest). */
export const card: CardStrings = {
  status: { open: '🔥 En cours', acknowledged: '👀 Pris en charge', resolved: '✅ Résolu' },
  severity: { SEV1: '🔴 SEV1', SEV2: '🟠 SEV2', warning: '🟡 Warning' },
  severityName: { SEV1: 'SEV1', SEV2: 'SEV2', warning: 'Warning' },
  fields: {
    status: 'Statut',
    severity: 'Sévérité',
    started: 'Début',
    duration: 'Durée',
    runbook: 'Runbook',
    incident: 'Incident',
  },
  since: (ago) => `en cours, début ${ago}`,
  receivedAt: (when) => `_reçu par Vigie le ${when}_`,
  budgetFrom: (when, lookback) =>
    `_budget d'erreur compté depuis le ${when} (au plus ${lookback} avant la réception)_`,
  lasted: (d) => `${d}`,
  acknowledgedBy: (user) => `pris en charge par ${user}`,
  statusBy: (user) => `par ${user}`,
  openIncidents: (count) => `${count} incident${count > 1 ? 's' : ''} ouvert${count > 1 ? 's' : ''}`,
  affected: (firing, resolved, itemLabel) => {
    const [heading, feminine] = FR_ITEMS[itemLabel ?? ''] ?? ['Alertes', true];
    const done = `résolu${feminine ? 'e' : ''}${resolved > 1 ? 's' : ''}`;
    return `*${heading}* : ${firing} en cours${resolved > 0 ? `, ${resolved} ${done}` : ''}`;
  },
  affectedTotal: (total, itemLabel) => `*${(FR_ITEMS[itemLabel ?? ''] ?? ['Alertes'])[0]}* : ${total}`,
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
    impact_corrected: "Fenêtre d'impact corrigée",
    verification_started: 'Vérification lancée',
    verification_verdict: 'Vérification',
    acknowledged: 'Prise en charge',
    truncated: 'Alertes tronquées',
    triage_checked: 'Triage coché',
    triage_unchecked: 'Triage décoché',
    mitigation_started: 'Mitigation lancée',
    mitigation_succeeded: 'Mitigation réussie',
    mitigation_failed: 'Mitigation en échec',
    mitigation_dry_run: 'Mitigation simulée',
    note: 'Note',
    escalated: 'Escalade',
    escalation_delivered: 'Escalade transmise',
    notified: 'Canaux du runbook à prévenir',
    notification_delivered: 'Envoi aux canaux du runbook',
    followup_checked: 'Suivi coché',
    followup_unchecked: 'Suivi décoché',
  },
  fallback: (id, severity, title, status) => `[${severity}] ${title} — ${status} (${id})`,
  actions,
  digest,
};
