import { messages } from '../i18n';

/** The docs are French, with the durations every other surface shows. */
const formatDuration = messages('fr').duration;
import type { RunbookSet } from './loader';
import type { EscalationStep, Mitigation, Runbook } from './schema';

/** A sentence without its final period, to continue it. */
const clause = (text: string) => text.replace(/\.\s*$/, '');

export const DOCS_HEADER =
  '<!-- Généré par `npx vigie runbooks docs` depuis runbooks/*.yml : ne pas éditer, modifiez le runbook. -->\n';

function action(m: Mitigation): string {
  switch (m.action.type) {
    case 'http':
      return `\`${m.action.method} ${m.action.path}\` (API ops, délai ${formatDuration(m.action.timeout)})`;
    case 'link':
      return `lien \`${m.action.url}\``;
    case 'manual':
      return `action manuelle : ${m.action.checklist}`;
  }
}

function when(step: EscalationStep): string {
  const w = step.when;
  if ('after' in w)
    return w.from === 'start'
      ? `${formatDuration(w.after)} après le début de l'incident`
      : `${formatDuration(w.after)} après l'ouverture`;
  if ('button' in w) return `bouton « ${w.button} »`;
  return w.any_of
    .map((c) =>
      'open_longer_than' in c
        ? `ouvert depuis plus de ${formatDuration(c.open_longer_than)}`
        : 'affected_at_least' in c
          ? `${c.affected_at_least} éléments touchés ou plus`
          : 'SLA menacé',
    )
    .join(' ou ');
}

/** How a mitigation's effect is checked: the trigger asked again after it succeeds, or not at all. */
function verifyRule(r: Runbook, m: Mitigation): string {
  if (m.verify === false) return 'pas de vérification';
  const after = m.verify?.after ?? r.verification.after;
  const hold = m.verify?.hold ?? r.verification.hold;
  return `vérifiée ${formatDuration(after)} après, tenue ${formatDuration(hold)}`;
}

/** When the runbook's channels are reached: at open, or after `page_after`; again at a reopening or not. */
function openingRule(r: Runbook): string {
  const after = r.channels.page_after;
  const when =
    after === undefined
      ? "Prévenus dès l'ouverture"
      : `Prévenus après ${[
          ...(after.firing_for === undefined ? [] : [`${formatDuration(after.firing_for)} d'alerte`]),
          ...(after.alerts === undefined ? [] : [`${after.alerts} alertes actives`]),
        ].join(' ou ')} (au premier atteint)`;
  const reopen = r.channels.page_on_reopen
    ? ', et de nouveau à chaque réouverture'
    : ', pas de nouveau à une réouverture';
  return `${when}${reopen}. Au-delà de ${r.channels.cards_per_minute} nouvelles cartes par minute dans un canal, les nouveaux incidents sont listés sur un digest de tempête.`;
}

function runbookSection(r: Runbook, roleName: (id: string) => string): string[] {
  const roles = (ids: string[]) => ids.map(roleName).join(', ') || '—';
  return [
    `## Alerte « ${r.id} » — ${r.title}`,
    '',
    `- **Déclencheur** : ${r.trigger.description} Alertes \`${r.trigger.alertnames.join('`, `')}\` : \`${r.trigger.expr}\` pendant ${formatDuration(r.trigger.for)}.`,
    `- **Canaux** : Slack ${r.channels.slack.join(', ')}${r.channels.slack_note === undefined ? '' : ` (${r.channels.slack_note})`} ; email ${roles(r.channels.email)}${r.channels.pagerduty === undefined ? '' : ` ; PagerDuty ${r.channels.pagerduty.severity} (${roleName(r.channels.pagerduty.role)})`}. ${openingRule(r)}`,
    `- **Incident** : regroupé par ${r.incident.group_by.map((l) => `\`${l}\``).join(', ')}${r.incident.item_label === undefined ? '' : `, éléments listés par \`${r.incident.item_label}\``} ; résolution automatique ${r.incident.auto_resolve ? 'oui' : 'non'}.`,
    '- **Triage** :',
    ...r.triage.map((t, i) => `  ${i + 1}. ${t.label}`),
    '- **Mitigation** :',
    ...r.mitigations.map(
      (m) =>
        `  - ${clause(m.description)} — ${action(m)} ; autorisé : ${roles(m.allowed)}${m.destructive ? ' ; destructive (bouton et confirmation rouges)' : ''} ; ${verifyRule(r, m)}.`,
    ),
    '- **Escalade** :',
    ...(r.escalation.length === 0
      ? ['  - aucune']
      : r.escalation.map(
          (s) =>
            `  - ${clause(s.description)} (${when(s)} ; ${roles(s.notify)} par ${s.via.join(', ') || '—'}).`,
        )),
    ...(r.recovery.notes.length === 0 ? [] : ['- **Reprise** :', ...r.recovery.notes.map((n) => `  - ${n}`)]),
    '',
  ];
}

/** The human-readable runbook, in French, from the YAML: what the on-call reads, always current. */
export function runbookDocs(set: RunbookSet): string {
  const roleName = (id: string) => set.contacts.roles[id]?.name ?? id;
  const { availability, rpo, rto } = set.slo;
  const lines = [
    '# Runbooks SRE — Observabilité JMD',
    '',
    '## Objectifs SLO',
    '',
    `- ${availability.description} ${clause(availability.breach)} (budget : ${formatDuration(availability.budget)} par mois ; consommé par ${availability.consumed_by.join(', ')}).`,
    `- ${rpo.description} ${rpo.breach}`,
    `- ${clause(rto.description)} (API : ${rto.apis.join(', ')}).`,
    '',
    ...[...set.runbooks].sort((a, b) => a.id.localeCompare(b.id)).flatMap((r) => runbookSection(r, roleName)),
    '## Post-incident',
    '',
    ...set.slo.post_incident.map((p) => `- ${p.label}`),
    '',
  ];
  return DOCS_HEADER + lines.join('\n');
}
