import { incidentStart } from '../../incidents/alert-tally';
import type { Incident } from '../../incidents/types';
import type { Runbook } from '../../runbooks/schema';
import type { BudgetView } from './card-slo';
import { budgetLine } from './card-slo';
import type { Locale } from '../../i18n';
import type { SliProblem } from '../../slo/prometheus-sli';
import { messages } from '../../i18n';
import { escapeMrkdwn, fitLines, LIMITS, slackDate } from './limits';
import type { SlackMessage } from './primitives';
import { section } from './primitives';
import { labelsMrkdwn, labelsTellingApart } from './telling-apart';

export interface SloReplyInput {
  budget:
    | (BudgetView & {
        burnRate: number;
        projectedMs: number;
        projectedOverMs?: number | undefined;
        source: 'incidents' | 'prometheus';
      })
    | undefined;
  unavailableReason: SliProblem | undefined;
  open: Array<{ incident: Incident; runbook: Runbook | undefined }>;
  now: number;
}

/** `/incident slo`: the month's budget, how fast it burns, where it ends, and RTO/RPO of open incidents. */
export function renderSloReply(input: SloReplyInput, locale: Locale): SlackMessage {
  const m = messages(locale);
  const lines = [m.slo.title, budgetLine(input.budget, locale, input.unavailableReason)];
  if (input.budget !== undefined) {
    const { burnRate, projectedMs, projectedOverMs, source } = input.budget;
    const paceOver = projectedOverMs === undefined ? undefined : m.duration(projectedOverMs);
    lines.push(m.slo.burn(burnRate, m.duration(projectedMs), source, paceOver));
  }
  const apart = labelsTellingApart(input.open.map((o) => o.incident));
  for (const { incident, runbook } of input.open) {
    const rto = runbook?.recovery.rto;
    const rpo = runbook?.recovery.rpo;
    if (rto === undefined && rpo === undefined) continue;
    const parts: string[] = [];
    if (rto !== undefined) {
      const deadline = incidentStart(incident) + rto;
      const when = slackDate(deadline, '{date_short_pretty} {time}', new Date(deadline).toISOString());
      parts.push(input.now > deadline ? m.slo.rtoBreached(when) : m.slo.rtoBefore(when));
    }
    if (rpo !== undefined)
      parts.push(m.slo.rpoAge(m.duration(input.now - incidentStart(incident)), m.duration(rpo)));
    const labels = labelsMrkdwn(apart.get(incident.id));
    const what = [escapeMrkdwn(incident.policy.title), ...(labels === '' ? [] : [labels])].join(' ');
    lines.push(`• \`${incident.id}\` ${what} — ${parts.join(' · ')}`);
  }
  const text = fitLines(lines, LIMITS.sectionText, m.card.more);
  return { text: lines[1] ?? '', blocks: [section(text)] };
}
