import type { Messages } from './messages';

/** Why Vigie did not do what a person asked, in English: what happened, and what to do. */
export const refusal: Messages['refusal'] = (refusal, f) => {
  switch (refusal.code) {
    case 'bad_value':
      return 'This button is not valid (tampered or from an older version). Nothing changed.';
    case 'unknown_incident':
      return `Incident ${f.quote(refusal.incidentId)} not found. \`/incident list\` shows the open ones.`;
    case 'stale_card':
      return `This card is out of date: ${refusal.incidentId} was resolved or reopened since. Use the current card.`;
    case 'resolved':
      return `${refusal.incidentId} is resolved: this action is no longer possible.`;
    case 'no_runbook':
      return `${refusal.incidentId} has no runbook: no triage, no mitigation.`;
    case 'unknown_step':
      return 'This step is not (or no longer) in the runbook: nothing was ticked. Use the current card.';
    case 'unknown_mitigation':
      return refusal.mitigationId === ''
        ? `Which mitigation? The runbook's: ${refusal.available.join(', ') || 'none'} — \`/incident mitigate &lt;action&gt; [id]\`.`
        : `Unknown mitigation: ${f.quote(refusal.mitigationId)}. Available: ${refusal.available.join(', ') || 'none'}.`;
    case 'unknown_runbook':
      return `Unknown runbook: ${f.quote(refusal.runbookId)}. Available: ${refusal.available.join(', ')}.`;
    case 'not_allowed':
      return `⛔ You may not run this mitigation (allowed roles: ${refusal.roles.map(f.role).join(', ')}). The attempt is recorded.`;
    case 'permission_check_failed':
      return 'Could not check your permissions (Slack directory unavailable). Nothing ran; try again.';
    case 'already_running':
      return refusal.by === undefined || refusal.since === undefined
        ? 'This mitigation is already running: it will not run twice.'
        : `This mitigation is already running (started by ${f.person(refusal.by)} at ${f.time(refusal.since)}): it will not run twice.`;
    case 'just_ran':
      return `This mitigation just succeeded (by ${f.person(refusal.by)} at ${f.time(refusal.at)}): this second press ran nothing. To run it again, wait 30 s, then « Run again ».`;
    case 'already_acknowledged':
      return refusal.by === undefined || refusal.at === undefined
        ? `👀 ${refusal.incidentId} is already acknowledged: nothing changed.`
        : `👀 ${refusal.incidentId} is already acknowledged by ${f.person(refusal.by)} (at ${f.time(refusal.at)}): nothing changed.`;
    case 'already_escalated':
      return `This escalation already fired (by ${f.person(refusal.by)} at ${f.time(refusal.at)}): « ${f.quote(refusal.step)} ». It does not go twice for ${refusal.incidentId}.`;
    case 'all_escalated':
      return `Every escalation in the runbook of ${refusal.incidentId} has fired already: nothing more to fire. The card's thread says who was reached.`;
    case 'escalation_excused':
      return `${refusal.incidentId} is acknowledged: the runbook no longer escalates this step. Nothing was sent.`;
    case 'rejected':
      return `Action refused: the incident changed meanwhile (${refusal.detail}). Nothing was done; try again from the current card.`;
    case 'no_escalation':
      return `The runbook of ${refusal.incidentId} has no escalation.`;
    case 'store_unavailable':
      return 'Storage unavailable: nothing changed. Try again in a few seconds.';
    case 'text_too_long':
      return refusal.what === 'note'
        ? `The note is ${refusal.length} characters long, ${refusal.max} at most: nothing was added. Split it into several notes.`
        : `The summary is ${refusal.length} characters long, ${refusal.max} at most: nothing was declared. Shorten it (details can follow as notes).`;
  }
};
