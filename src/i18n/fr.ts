import type { Messages, ActionStrings, CardStrings, DigestStrings } from './messages';
import { durationIn } from './duration';

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
  explain: (total, perMinute, since) =>
    `${total} incident${total > 1 ? 's' : ''} depuis ${since}, plus de ${perMinute} nouvelles cartes par minute : ils sont listés ici plutôt qu'une carte chacun. Chacun est suivi par Vigie (escalades, résolution automatique) ; ouvrez sa carte pour agir, ou \`/incident ack INC-…\`.`,
  more: (n) => `… et ${n} autre${n > 1 ? 's' : ''} (\`/incident liste\`)`,
  openCard: 'Ouvrir la carte',
  placeholder: 'Choisir un incident',
  fallback: (runbook, total) => `Tempête d'alertes — ${runbook} : ${total} incident${total > 1 ? 's' : ''}`,
};

const card: CardStrings = {
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
    notified: 'Canaux du runbook prévenus',
    notification_delivered: 'Canaux du runbook : envoi',
    followup_checked: 'Suivi coché',
    followup_unchecked: 'Suivi décoché',
  },
  fallback: (id, severity, title, status) => `[${severity}] ${title} — ${status} (${id})`,
  actions,
  digest,
};

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

const CHANNELS = {
  pagerduty: 'PagerDuty',
  email: 'email',
  slack: 'Slack',
  slack_dm: 'message direct',
} as const;

const SLACK_ERRORS: Record<string, string> = {
  channel_not_found: 'canal introuvable',
  not_in_channel: "Vigie n'est pas membre du canal",
  is_archived: 'canal archivé',
  user_not_found: 'utilisateur introuvable',
  cannot_dm_bot: 'message direct impossible',
};

export const fr: Messages = {
  locale: 'fr',
  colon: ' : ',
  duration: durationIn({ day: 'j', hour: 'h', minute: 'min', second: 's' }),
  card,
  budget: {
    unavailable: (problem) =>
      `📉 Budget d'erreur : indisponible (${
        problem === undefined
          ? "calcul impossible pour l'instant"
          : problem.code === 'unreachable'
            ? `Prometheus injoignable : ${problem.detail}`
            : problem.code === 'prometheus_error'
              ? `Prometheus a répondu ${problem.status}${problem.error === undefined ? '' : ` : ${problem.error}`}`
              : 'la requête SLI ne donne pas une seule valeur entre 0 et 1'
      })`,
    line: (f) =>
      `📉 Budget d'erreur : ${f.consumed} consommés sur ${f.budget} (${f.percent} %) — ce mois, calculé à ${f.at}${f.data === undefined ? '' : ` (sur ${f.data} de données)`}${f.threatened ? ' · ⚠️ SLA menacé' : ''}`,
  },
  slo: {
    title: '*Objectifs SLO — ce mois*',
    burn: (burn, projected, source) =>
      `Vitesse de consommation : × ${burn.toFixed(2).replace('.', ',')} · projection fin de mois : ${projected} (source : ${source === 'incidents' ? 'incidents Vigie' : 'Prometheus (SLI)'})`,
    rtoBreached: (when) => `RTO dépassé (échéance ${when})`,
    rtoBefore: (when) => `RTO avant ${when}`,
    rpoAge: (age, rpo) => `${age} sans archivage / RPO ${rpo}`,
  },
  recovery: {
    rtoUntil: (rto, when) => `⏱️ RTO ${rto} : remise en service avant ${when}`,
    rtoOutcome: (rto, met, took) => `⏱️ RTO ${rto} ${met ? 'respecté' : 'dépassé'} (${took})`,
    rpo: (age, rpo, over) =>
      `🗄️ Journaux audit non archivés depuis ${age} (RPO ${rpo})${over ? ' — RPO dépassé' : ''}`,
  },
  escalation: {
    next: (who, when, description) => `⏰ Escalade ${who} le ${when} — _${description}_`,
    inTime: (left) => `dans ${left}`,
    flags: {
      postmortemRequired: '📝 Post-mortem requis',
      customerInformationRequired: '📣 Informer les clients impactés',
      incidentReportRequired: "🗂️ Rapport d'incident requis",
      rtoBreached: '⏱️ RTO dépassé',
    },
    confirmTitle: 'Escalader ?',
    confirm: 'Escalader',
    deny: 'Annuler',
    channels: CHANNELS,
    reach: (whom, how) => `joindra ${whom} (${how})`,
    prompt: (id, description, reach) => `🚨 Escalader ${id} maintenant ? _${description}_ — ${reach}.`,
    promptButton: 'Escalader maintenant',
    promptFallback: (id) => `Escalader ${id} ?`,
    channelMessage: (id, severity, title, who) => `🚨 Escalade \`${id}\` (${severity}) — ${title}${who}`,
    unpaged: (roles) =>
      `PagerDuty n'a pas pu joindre ${roles} : escalade par email et mention Slack à la place.`,
  },
  followups: {
    heading: '*Suivi post-incident* (post-mortem requis)',
    doneBy: (user, when) => `fait par ${user} ${when}`,
    done: 'Fait',
    reopen: 'Rouvrir',
  },
  commands: {
    help: [
      '*Vigie — /incident* (sans id : le seul incident ouvert du canal)',
      '• `liste` (`list`) — incidents ouverts',
      '• `slo` — budget d’erreur du mois, RTO/RPO des incidents ouverts',
      '• `statut [id]` (`status`) — où en est un incident',
      '• `prendre [id]` (`ack`) — prendre en charge',
      '• `rollback [id]` · `mitiger <action> [id]` (`mitigate`) — lancer une mitigation (avec confirmation)',
      '• `note [id] <texte>` — ajouter une note à la chronologie (l’id avant ou après le texte)',
      '• `resoudre [id]` (`resolve`) — résoudre (cause, résumé, impact client)',
      '• `escalader [id]` (`escalate`) — escalader maintenant (avec confirmation)',
      '• `postmortem [id]` — brouillon du post-mortem',
      '• `declarer <runbook> [résumé]` (`declare`) — déclarer un incident (sans argument : un formulaire)',
    ],
    name: {
      status: 'statut',
      ack: 'prendre',
      postmortem: 'postmortem',
      rollback: 'rollback',
      mitigate: 'mitiger',
      note: 'note',
      resolve: 'resoudre',
      escalate: 'escalader',
    },
    unknownSubcommand: (name) => `Sous-commande inconnue : \`${name}\`. Voici ce que fait \`/incident\` :`,
    noIncident: 'Aucun incident ouvert.',
    noIncidentHere: (example) => `Aucun incident ouvert dans ce canal : précisez l'id, par ex. ${example}.`,
    whichIncident: (ids, example) => `Plusieurs incidents ouverts ici (${ids}) : lequel ? Par ex. ${example}`,
    acknowledged: (id) => `👀 ${id} pris en charge.`,
    noteAdded: (id) => `📝 Note ajoutée à ${id}.`,
    declared: (id) => `📣 ${id} déclaré.`,
    confirmMitigation: (label, id) => `Confirmez la mitigation « ${label} » sur ${id}`,
    triageProgress: (ticked, total) => `Triage : ${ticked}/${total}`,
    postmortemTitle: (id) => `Post-mortem ${id}`,
  },
  refusal: (refusal, f) => {
    switch (refusal.code) {
      case 'bad_value':
        return "Ce bouton n'est pas valide (valeur altérée ou d'une ancienne version). Rien n'a été modifié.";
      case 'unknown_incident':
        return `Incident ${refusal.incidentId} introuvable. \`/incident liste\` montre les incidents ouverts.`;
      case 'stale_card':
        return `Cette carte n'est plus à jour : ${refusal.incidentId} a été résolu ou rouvert depuis. Utilisez la carte actuelle.`;
      case 'resolved':
        return `${refusal.incidentId} est résolu : cette action n'est plus possible.`;
      case 'no_runbook':
        return `${refusal.incidentId} n'a pas de runbook : ni triage ni mitigation.`;
      case 'unknown_step':
        return "Cette étape n'est pas (ou plus) dans le runbook : rien n'a été coché. Utilisez la carte à jour.";
      case 'unknown_mitigation':
        return `Mitigation inconnue : ${refusal.mitigationId}. Disponibles : ${refusal.available.join(', ') || 'aucune'}.`;
      case 'unknown_runbook':
        return `Runbook inconnu : ${refusal.runbookId}. Disponibles : ${refusal.available.join(', ')}.`;
      case 'not_allowed':
        return `⛔ Vous n'êtes pas autorisé·e à lancer cette mitigation (rôles autorisés : ${refusal.roles.map(f.role).join(', ')}). La tentative est enregistrée.`;
      case 'permission_check_failed':
        return 'Impossible de vérifier vos droits (annuaire Slack indisponible). Rien n’a été lancé ; réessayez.';
      case 'already_running':
        return refusal.by === undefined || refusal.since === undefined
          ? 'Cette mitigation est déjà en cours : elle ne sera pas lancée deux fois.'
          : `Cette mitigation est déjà en cours (lancée par ${f.person(refusal.by)} à ${f.time(refusal.since)}) : elle ne sera pas lancée deux fois.`;
      case 'just_ran':
        return `Cette mitigation vient de réussir (par ${f.person(refusal.by)} à ${f.time(refusal.at)}) : ce second clic n'a rien lancé. Pour la relancer, attendez 30 s puis « Relancer ».`;
      case 'rejected':
        return "Action refusée : l'incident a changé entre-temps. Rien n'a été fait ; réessayez depuis la carte à jour.";
      case 'no_escalation':
        return `Le runbook de ${refusal.incidentId} ne prévoit pas d'escalade.`;
      case 'store_unavailable':
        return 'Stockage indisponible : rien n’a été modifié. Réessayez dans quelques secondes.';
    }
  },
  gate: {
    foreignWorkspace:
      "⛔ Vigie n'est pas installée dans cet espace de travail : rien n'a été fait. La tentative est enregistrée.",
    notReady:
      'Vigie démarre (espace de travail Slack pas encore confirmé) : rien n’a été fait, réessayez dans un instant.',
  },
  modals: {
    resolveTitle: (id) => `Résoudre ${id}`,
    resolve: 'Résoudre',
    cancel: 'Annuler',
    cause: 'Cause',
    summary: 'Résumé',
    impact: 'Impact client',
    impactStart: "Début réel de l'impact (UTC, AAAA-MM-JJ HH:MM) — optionnel",
    impactEnd: "Fin réelle de l'impact (UTC, AAAA-MM-JJ HH:MM) — optionnel",
    declareTitle: 'Déclarer un incident',
    declare: 'Déclarer',
    severity: 'Sévérité',
    runbook: 'Runbook',
    blank: 'À remplir : le post-mortem en a besoin.',
    badWindow: 'Format attendu : AAAA-MM-JJ HH:MM (UTC), fin après début, les deux ou aucun.',
  },
  home: { title: 'Vigie — incidents ouverts', none: '✅ Aucun incident ouvert.', help: '`/incident aide`' },
  timeline: {
    delivery: (channel, target, outcome, reason, attempts) => {
      const word = { sent: 'envoyé', fallback: 'envoyé (repli)', failed: 'échec', skipped: 'non envoyé' }[
        outcome
      ];
      const said = attempts === undefined ? word : `${word} après ${attempts} essais`;
      return `${CHANNELS[channel]}${target === '' ? '' : ` ${target}`} : ${said}${reason === undefined ? '' : ` (${reason})`}`;
    },
    deliveryReason: (reason, detail) => {
      switch (reason) {
        case 'resolved_before_delivery':
          return "résolu avant l'envoi";
        case 'no_address':
          return 'aucune adresse email pour ce rôle';
        case 'no_slack_user':
          return 'aucun utilisateur Slack pour ce rôle';
        case 'no_pagerduty_service':
          return 'aucun service PagerDuty pour ce rôle';
        case 'routing_key_unset':
          return `clé PagerDuty absente (${detail})`;
        case 'email_not_configured':
          return "envoi d'email non configuré (SMTP_URL)";
        case 'email_failed':
          return `le serveur mail a refusé : ${detail}`;
        case 'pagerduty_failed':
          return `PagerDuty a refusé : ${detail}`;
        case 'pagerduty_unreachable':
          return 'PagerDuty injoignable';
        case 'slack_refused':
          return SLACK_ERRORS[detail] ?? `refusé par Slack (${detail})`;
      }
    },
    count: (n) => `${n} alerte${n > 1 ? 's' : ''}`,
    window: (start, end) => `du ${start} au ${end}, le budget d'erreur compte cette fenêtre`,
  },
  verification: {
    condition: (comparison, threshold) => `alerte si ${comparison} ${threshold}`,
    pending: (mitigation, condition, at) =>
      `🔎 Vérification en cours : ${mitigation} — ${condition}, verdict à ${at}`,
    recovered: (mitigation, last, condition, held) =>
      `✅ Rétabli après ${mitigation} : valeur ${last} (${condition}), sous le seuil pendant ${held}`,
    degraded: (mitigation, worst, condition, after) =>
      `⚠️ Toujours dégradé ${after} après ${mitigation} : valeur ${worst} (${condition})`,
    impossible: (mitigation, why) => `❔ Vérification impossible pour ${mitigation} : ${why}`,
    problem: (problem) => {
      switch (problem.code) {
        case 'prometheus_unreachable':
          return `Prometheus injoignable (${problem.detail})`;
        case 'prometheus_error':
          return `Prometheus a répondu ${problem.status}${problem.error === undefined ? '' : ` : ${problem.error}`}`;
        case 'no_data':
          return 'aucune donnée pour les labels de cet incident';
        case 'no_threshold':
          return "l'expression du déclencheur n'a pas de seuil à comparer";
        case 'not_configured':
          return "PROMETHEUS_URL n'est pas défini";
      }
    },
    graph: 'graphe',
    next: 'Mitigation suivante',
    tableTitle: 'Efficacité des mitigations',
    tableHead: ['Mitigation', 'Par', 'Quand', 'Verdict', 'Valeurs'],
    status: {
      pending: 'en cours',
      recovered: 'rétabli',
      degraded: 'toujours dégradé',
      impossible: 'impossible',
    },
  },
  number: (value) =>
    Number.isInteger(value) ? String(value) : value.toLocaleString('fr-FR', { maximumFractionDigits: 3 }),
  email: {
    subject: (opening, id, severity, title) =>
      `[Vigie] ${opening ? 'Nouvel incident' : 'Escalade'} ${id} (${severity}) — ${title}`,
    heading: (opening, id, title) =>
      opening ? `Nouvel incident ${id} — ${title}` : `Escalade de l'incident ${id} — ${title}`,
    rule: (description) => `Règle : ${description}`,
    state: (severity, status, runbook) =>
      `Sévérité : ${severity} · Statut : ${status} · Runbook : ${runbook}`,
    started: (when) => `Début : ${when}`,
    deadlinePassed: (when) => `Échéance dépassée : ${when}`,
    thread: (link) => `Fil Slack : ${link}`,
    timeline: 'Chronologie :',
  },
  postmortem: {
    fileTitle: (id) => `Post-mortem ${id} (brouillon)`,
    runbook: (runbook, severity) => `- Runbook : \`${runbook ?? 'aucun'}\` · sévérité finale ${severity}`,
    started: (start, receivedAt, resolved, duration) =>
      `- Début ${start}${receivedAt === undefined ? '' : ` (reçu par Vigie ${receivedAt})`}, ${resolved === undefined ? 'non résolu' : `résolu ${resolved.at} par ${resolved.by}`} — durée ${duration}`,
    acknowledged: (by, after) => `- Pris en charge par ${by} ${after} après l'ouverture par Vigie`,
    affected: (count, items, more) =>
      `- Éléments touchés (${count}) : ${items || '—'}${more > 0 ? ` (+${more})` : ''}`,
    customerImpact: (impact) => `- Impact client : ${impact ?? '_à compléter_'}`,
    budget: (consumed, budget, percent, at) =>
      `- Budget d’erreur du mois : ${consumed} consommés sur ${budget} (${percent} %), calculé le ${at}`,
    noBudget: '- Budget d’erreur : ne s’applique pas à ce runbook, ou indisponible',
    rto: (rto, met, took) => `- RTO ${rto} : ${met ? 'respecté' : 'dépassé'} (${took})`,
    declared: (summary) => `- Incident déclaré à la main : ${summary}`,
    detected: (count, first, names) =>
      `- ${count} ${plural(count, 'alerte', 'alertes')} Alertmanager, première à ${first} : ${names}`,
    noMitigation: '- Aucune mitigation lancée depuis Vigie.',
    noEscalation: '- Aucune escalade.',
    toFill: '_à compléter_',
    cause: (cause) => `${cause}\n\n_à approfondir (5 pourquoi)_`,
  },
  watchdog: {
    overdue: (count, oldest) =>
      `⏰ Vigie : ${count} ${plural(count, "échéance d'escalade en retard", "échéances d'escalade en retard")} de plus d'une minute (la plus ancienne : ${oldest}). Vérifiez que Vigie et Redis tournent.`,
  },
};
