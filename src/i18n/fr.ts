import type { Messages } from './messages';
import { durationIn } from './duration';
import { card } from './fr-card';
import { refusal } from './fr-refusal';
import { CHANNELS, timeline, verification } from './fr-timeline';

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

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
    burn: (burn, projected, source, paceOver) =>
      `Vitesse de consommation : × ${burn.toFixed(2).replace('.', ',')} · projection fin de mois : ${projected}${paceOver === undefined ? '' : ` (rythme compté sur ${paceOver} en début de mois)`} (source : ${source === 'incidents' ? 'incidents Vigie' : 'Prometheus (SLI)'})`,
    rtoBreached: (when) => `RTO dépassé (échéance ${when})`,
    rtoBefore: (when) => `RTO avant ${when}`,
    rpoAge: (age, rpo) => `${age} sans archivage / RPO ${rpo}`,
  },
  recovery: {
    rtoUntil: (rto, when) => `⏱️ RTO ${rto} : remise en service avant ${when}`,
    agoTime: (elapsed) => `il y a ${elapsed}`,
    rtoPassed: (rto, when) => `⏱️ RTO ${rto} dépassé : remise en service attendue avant ${when}`,
    rtoOutcome: (rto, met, took) => `⏱️ RTO ${rto} ${met ? 'respecté' : 'dépassé'} (${took})`,
    rpo: (age, rpo, over) =>
      `🗄️ Journaux audit non archivés depuis ${age} (RPO ${rpo})${over ? ' — RPO dépassé' : ''}`,
    rpoOutcome: (rpo, met, age) =>
      `🗄️ RPO ${rpo} ${met ? 'respecté' : 'dépassé'} (journaux audit non archivés pendant ${age})`,
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
    promptDone: (id, description, reach) =>
      `🚨 Escalade de ${id} déclenchée : _${description}_ — ${reach}. Le fil de sa carte suit chaque envoi.`,
    channelMessage: (id, severity, title, who) => `🚨 Escalade \`${id}\` (${severity}) — ${title}${who}`,
    pageSummary: (severity, id, title, rule) => `[${severity}] ${id} ${title} — ${rule}`,
    pageCardLink: "Carte de l'incident dans Slack",
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
      '• `liste [mots]` (`list`) — incidents ouverts (ceux dont l’id, le titre ou un label contient les mots)',
      '• `slo` — budget d’erreur du mois, RTO/RPO des incidents ouverts',
      '• `statut [id]` (`status`) — où en est un incident',
      '• `prendre [id]` (`ack`) — prendre en charge',
      '• `rollback [id]` · `mitiger &lt;action&gt; [id]` (`mitigate`) — lancer une mitigation (avec confirmation)',
      '• `note [id] &lt;texte&gt;` — ajouter une note à la chronologie (l’id avant ou après le texte)',
      '• `resoudre [id]` (`resolve`) — résoudre (cause, résumé, impact client)',
      '• `escalader [id]` (`escalate`) — escalader maintenant (avec confirmation)',
      '• `postmortem [id]` — brouillon du post-mortem',
      '• `declarer &lt;runbook&gt; [résumé]` (`declare`) — déclarer un incident (sans argument : un formulaire)',
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
    noteWithoutText:
      'Il manque le texte de la note : `/incident note [id] &lt;texte&gt;`. Voici ce que fait `/incident` :',
    noIncident: 'Aucun incident ouvert.',
    openMatching: (count, query) =>
      `${count} incident${count > 1 ? 's' : ''} ouvert${count > 1 ? 's' : ''} pour « ${query} »`,
    noMatch: (query) =>
      `Aucun incident ouvert ne correspond à « ${query} ». \`/incident liste\` les montre tous.`,
    listMore: (hidden) =>
      `… et ${hidden} de plus : \`/incident liste &lt;mots&gt;\` les filtre (un service, une route, un id)`,
    noIncidentHere: (example) => `Aucun incident ouvert dans ce canal : précisez l'id, par ex. ${example}.`,
    whichIncident: (ids, example) => `Plusieurs incidents ouverts ici (${ids}) : lequel ? Par ex. ${example}`,
    otherIds: (hidden) => `et ${hidden} autre${hidden > 1 ? 's' : ''} : \`/incident liste &lt;mots&gt;\``,
    acknowledged: (id) => `👀 ${id} pris en charge.`,
    noteAdded: (id) => `📝 Note ajoutée à ${id}.`,
    declared: (id) => `📣 ${id} déclaré.`,
    confirmMitigation: (label, id) => `Confirmez la mitigation « ${label} » sur ${id}`,
    mitigationStarted: (label, id, run, dryRun) =>
      `🛠️ Mitigation « ${label} » ${dryRun ? 'simulée (rien envoyé)' : 'lancée'} sur ${id}, exécution n° ${run} : son résultat s'affiche sur la carte et dans son fil.`,
    triageProgress: (ticked, total) => `Triage : ${ticked}/${total}`,
    postmortemTitle: (id) => `Post-mortem ${id}`,
    postmortemCut: (lines) =>
      `… et ${lines} ligne${plural(lines, '', 's')} de plus : le brouillon entier est partagé en fichier dans le fil de la carte à la résolution.`,
  },
  refusal,
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
    blankSummary: "À remplir : quelques mots sur ce qu'on observe (la carte et les pages le reprennent).",
    window: {
      format: (typed, nowUtc) =>
        `« ${typed} » n'est pas une date et heure valides : AAAA-MM-JJ HH:MM, en UTC (par ex. ${nowUtc}, l'heure UTC actuelle).`,
      missingStart: 'Il manque le début : les deux heures, ou aucune.',
      missingEnd: 'Il manque la fin : les deux heures, ou aucune.',
      notAfterStart: (start) => `La fin doit être après le début (${start}).`,
      future: (nowUtc) =>
        `C'est dans le futur : il est ${nowUtc} UTC (les heures sont en UTC, pas en heure locale).`,
    },
  },
  home: { title: 'Vigie — incidents ouverts', none: '✅ Aucun incident ouvert.', help: '`/incident aide`' },
  timeline,
  verification,

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
    fileComment: (id) =>
      `📝 Brouillon du post-mortem de ${id}, rédigé par Vigie : à compléter par l'équipe (les sections « à compléter »).`,
    runbook: (runbook, severity) => `- Runbook : \`${runbook ?? 'aucun'}\` · sévérité finale ${severity}`,
    started: (start, receivedAt, resolved) =>
      `- Début ${start}${receivedAt === undefined ? '' : ` (reçu par Vigie ${receivedAt})`}, ${resolved === undefined ? 'pas encore résolu' : `résolu ${resolved.at} par ${resolved.by} — durée ${resolved.duration}`}`,
    acknowledged: (by, after) => `- Pris en charge par ${by} ${after} après l'ouverture par Vigie`,
    affected: (count, items, more) =>
      `- Éléments touchés (${count}) : ${items || '—'}${more > 0 ? ` (+${more})` : ''}`,
    customerImpact: (impact) => `- Impact client : ${impact ?? '_à compléter_'}`,
    budget: (consumed, budget, percent, at) =>
      `- Budget d’erreur du mois : ${consumed} consommés sur ${budget} (${percent} %), calculé le ${at}`,
    noBudget: '- Budget d’erreur : ne s’applique pas à ce runbook, ou indisponible',
    rto: (rto, met, took) => `- RTO ${rto} : ${met ? 'respecté' : 'dépassé'} (${took})`,
    rtoOpen: (rto, deadline, passed) =>
      passed
        ? `- RTO ${rto} : dépassé, incident pas encore résolu — le service devait être rétabli avant ${deadline}`
        : `- RTO ${rto} : incident pas encore résolu — service à rétablir avant ${deadline}`,
    drafted: (at, resolved) =>
      resolved
        ? `Brouillon rédigé par Vigie le ${at}, incident résolu, à compléter par l'équipe.`
        : `Brouillon rédigé par Vigie le ${at}, incident pas encore résolu : à reprendre une fois résolu, puis à compléter par l'équipe.`,
    rpo: (rpo, met, age) =>
      `- RPO ${rpo} : ${met ? 'respecté' : 'dépassé'} (journaux audit non archivés pendant ${age})`,
    rpoOpen: (rpo, age, limit, passed) =>
      passed
        ? `- RPO ${rpo} : dépassé, incident pas encore résolu — journaux audit non archivés depuis ${age} (limite atteinte le ${limit})`
        : `- RPO ${rpo} : incident pas encore résolu — journaux audit non archivés depuis ${age}, à archiver avant ${limit}`,
    declared: (summary) => `- Incident déclaré à la main : ${summary}`,
    detected: (count, first, names) =>
      `- ${count} ${plural(count, 'alerte', 'alertes')} Alertmanager, première à ${first} : ${names}`,
    noMitigation: '- Aucune mitigation lancée depuis Vigie.',
    noEscalation: '- Aucune escalade.',
    toFill: '_à compléter_',
    cause: (cause) => `${cause}\n\n_à approfondir (5 pourquoi)_`,
  },
  sandbox: {
    outcome: {
      opened: 'ouvert',
      reopened: 'rouvert',
      updated: 'mis à jour',
      resolved: 'résolu',
      unchanged: 'inchangé (déjà connu)',
      nothing_firing: 'rien en cours (aucun incident ouvert)',
    },
    pageAction: { trigger: 'déclenchement', acknowledge: 'prise en charge', resolve: 'résolution' },
  },
  policy: {
    openingStep: (channels) => `Ouverture : canaux du runbook (${channels.join(' + ')})`,
    unmappedTitle: 'Alerte sans runbook',
  },
  watchdog: {
    overdue: (count, oldest) =>
      `⏰ Vigie : ${count} ${plural(count, "échéance d'escalade en retard", "échéances d'escalade en retard")} de plus d'une minute (la plus ancienne : ${oldest}). Vérifiez que Vigie et Redis tournent.`,
  },
};
