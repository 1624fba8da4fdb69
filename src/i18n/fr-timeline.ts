import type { TimelineStrings, VerificationStrings } from './messages';

/** How the escalation's channels are named, in French. */
export const CHANNELS = {
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

/** The timeline's and the mitigations' verification words, in French (the card, the thread, the post-mortem). */
export const timeline: TimelineStrings = {
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
};

export const verification: VerificationStrings = {
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
  noneChecked:
    "_Aucune mitigation vérifiée : une mitigation l'est quand elle a réussi et que le runbook fait vérifier son effet sur le déclencheur._",
  status: {
    pending: 'en cours',
    recovered: 'rétabli',
    degraded: 'toujours dégradé',
    impossible: 'impossible',
  },
};
