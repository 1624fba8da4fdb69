import type { Refusal } from '../../responders/refusal';
import type { Locale } from './i18n';
import { clockTime, person } from './primitives';

/** Refusals worded for the person who clicked or typed; each says what to do next. */
export function refusalText(refusal: Refusal, locale: Locale, roleName: (id: string) => string): string {
  const fr = locale === 'fr';
  switch (refusal.code) {
    case 'bad_value':
      return fr
        ? "Ce bouton n'est pas valide (valeur altérée ou d'une ancienne version). Rien n'a été modifié."
        : 'This button is not valid (tampered or from an older version). Nothing changed.';
    case 'unknown_incident':
      return fr
        ? `Incident ${refusal.incidentId} introuvable. \`/incident list\` montre les incidents ouverts.`
        : `Incident ${refusal.incidentId} not found. \`/incident list\` shows the open ones.`;
    case 'stale_card':
      return fr
        ? `Cette carte n'est plus à jour : ${refusal.incidentId} a été résolu ou rouvert depuis. Utilisez la carte actuelle.`
        : `This card is out of date: ${refusal.incidentId} was resolved or reopened since. Use the current card.`;
    case 'resolved':
      return fr
        ? `${refusal.incidentId} est résolu : cette action n'est plus possible.`
        : `${refusal.incidentId} is resolved: this action is no longer possible.`;
    case 'no_runbook':
      return fr
        ? `${refusal.incidentId} n'a pas de runbook : ni triage ni mitigation.`
        : `${refusal.incidentId} has no runbook: no triage, no mitigation.`;
    case 'unknown_step':
      return fr ? `Étape de triage inconnue : ${refusal.stepId}.` : `Unknown triage step: ${refusal.stepId}.`;
    case 'unknown_mitigation':
      return fr
        ? `Mitigation inconnue : ${refusal.mitigationId}. Disponibles : ${refusal.available.join(', ') || 'aucune'}.`
        : `Unknown mitigation: ${refusal.mitigationId}. Available: ${refusal.available.join(', ') || 'none'}.`;
    case 'unknown_runbook':
      return fr
        ? `Runbook inconnu : ${refusal.runbookId}. Disponibles : ${refusal.available.join(', ')}.`
        : `Unknown runbook: ${refusal.runbookId}. Available: ${refusal.available.join(', ')}.`;
    case 'not_allowed': {
      const roles = refusal.roles.map(roleName).join(', ');
      return fr
        ? `⛔ Vous n'êtes pas autorisé·e à lancer cette mitigation (rôles autorisés : ${roles}). La tentative est enregistrée.`
        : `⛔ You may not run this mitigation (allowed roles: ${roles}). The attempt is recorded.`;
    }
    case 'permission_check_failed':
      return fr
        ? 'Impossible de vérifier vos droits (annuaire Slack indisponible). Rien n’a été lancé ; réessayez.'
        : 'Could not check your permissions (Slack directory unavailable). Nothing ran; try again.';
    case 'already_running':
      return fr
        ? `Cette mitigation est déjà en cours : elle ne sera pas lancée deux fois (${refusal.detail}).`
        : `This mitigation is already running: it will not run twice (${refusal.detail}).`;
    case 'just_ran': {
      const when = clockTime(refusal.at);
      const who = person(refusal.by);
      return fr
        ? `Cette mitigation vient de réussir (par ${who} à ${when}) : ce second clic n'a rien lancé. Pour la relancer, attendez 30 s puis « Relancer ».`
        : `This mitigation just succeeded (by ${who} at ${when}): this second press ran nothing. To run it again, wait 30 s, then « Run again ».`;
    }
    case 'rejected':
      return fr ? `Action refusée : ${refusal.detail}.` : `Action refused: ${refusal.detail}.`;
    case 'no_escalation':
      return fr
        ? `Le runbook de ${refusal.incidentId} ne prévoit pas d'escalade.`
        : `The runbook of ${refusal.incidentId} has no escalation.`;
    case 'store_unavailable':
      return fr
        ? 'Stockage indisponible : rien n’a été modifié. Réessayez dans quelques secondes.'
        : 'Storage unavailable: nothing changed. Try again in a few seconds.';
  }
}

/** What a person reads when /slack/events refuses a request before any listener sees it. */
export function gateText(locale: Locale): { foreignWorkspace: string; notReady: string } {
  return locale === 'fr'
    ? {
        foreignWorkspace:
          "⛔ Vigie n'est pas installée dans cet espace de travail : rien n'a été fait. La tentative est enregistrée.",
        notReady:
          'Vigie démarre (espace de travail Slack pas encore confirmé) : rien n’a été fait, réessayez dans un instant.',
      }
    : {
        foreignWorkspace:
          '⛔ Vigie is not installed in this workspace: nothing was done. The attempt is recorded.',
        notReady:
          'Vigie is starting (Slack workspace not confirmed yet): nothing was done, try again in a moment.',
      };
}
