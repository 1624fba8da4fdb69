import type { Messages } from './messages';

/** Why Vigie did not do what a person asked, in French: what happened, and what to do. */
export const refusal: Messages['refusal'] = (refusal, f) => {
  switch (refusal.code) {
    case 'bad_value':
      return "Ce bouton n'est pas valide (valeur altérée ou d'une ancienne version). Rien n'a été modifié.";
    case 'unknown_incident':
      return `Incident ${f.quote(refusal.incidentId)} introuvable. \`/incident liste\` montre les incidents ouverts.`;
    case 'stale_card':
      return `Cette carte n'est plus à jour : ${refusal.incidentId} a été résolu ou rouvert depuis. Utilisez la carte actuelle.`;
    case 'resolved':
      return `${refusal.incidentId} est résolu : cette action n'est plus possible.`;
    case 'no_runbook':
      return `${refusal.incidentId} n'a pas de runbook : ni triage ni mitigation.`;
    case 'unknown_step':
      return "Cette étape n'est pas (ou plus) dans le runbook : rien n'a été coché. Utilisez la carte à jour.";
    case 'unknown_mitigation':
      return refusal.mitigationId === ''
        ? `Quelle mitigation ? Celles du runbook : ${refusal.available.join(', ') || 'aucune'} — \`/incident mitiger &lt;action&gt; [id]\`.`
        : `Mitigation inconnue : ${f.quote(refusal.mitigationId)}. Disponibles : ${refusal.available.join(', ') || 'aucune'}.`;
    case 'unknown_runbook':
      return `Runbook inconnu : ${f.quote(refusal.runbookId)}. Disponibles : ${refusal.available.join(', ')}.`;
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
    case 'already_acknowledged':
      return refusal.by === undefined || refusal.at === undefined
        ? `👀 ${refusal.incidentId} est déjà pris en charge : rien n'a changé.`
        : `👀 ${refusal.incidentId} est déjà pris en charge par ${f.person(refusal.by)} (à ${f.time(refusal.at)}) : rien n'a changé.`;
    case 'already_escalated':
      return `Cette escalade a déjà été déclenchée (par ${f.person(refusal.by)} à ${f.time(refusal.at)}) : « ${f.quote(refusal.step)} ». Elle ne part pas deux fois pour ${refusal.incidentId}.`;
    case 'all_escalated':
      return `Toutes les escalades du runbook de ${refusal.incidentId} sont déjà parties : rien de plus à déclencher. Le fil de la carte dit qui a été joint.`;
    case 'escalation_excused':
      return `${refusal.incidentId} est pris en charge : le runbook n'escalade plus cette étape. Rien n'a été envoyé.`;
    case 'rejected':
      return "Action refusée : l'incident a changé entre-temps. Rien n'a été fait ; réessayez depuis la carte à jour.";
    case 'no_escalation':
      return `Le runbook de ${refusal.incidentId} ne prévoit pas d'escalade.`;
    case 'store_unavailable':
      return 'Stockage indisponible : rien n’a été modifié. Réessayez dans quelques secondes.';
    case 'text_too_long':
      return refusal.what === 'note'
        ? `La note fait ${refusal.length} caractères, ${refusal.max} au plus : rien n'a été ajouté. Découpez-la en plusieurs notes.`
        : `Le résumé fait ${refusal.length} caractères, ${refusal.max} au plus : rien n'a été déclaré. Raccourcissez-le (le détail peut suivre en notes).`;
  }
};
