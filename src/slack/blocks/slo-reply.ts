import type { Incident } from '../../incidents/types';
import { formatDuration } from '../../runbooks/duration';
import type { Runbook } from '../../runbooks/schema';
import type { BudgetView } from './card-slo';
import { budgetLine } from './card-slo';
import type { Locale } from './i18n';
import { escapeMrkdwn, fitLines, LIMITS, slackDate } from './limits';
import type { SlackMessage } from './primitives';
import { section } from './primitives';

export interface SloReplyInput {
  budget: (BudgetView & { burnRate: number; projectedMs: number; source: string }) | undefined;
  unavailableReason: string | undefined;
  open: Array<{ incident: Incident; runbook: Runbook | undefined }>;
  now: number;
}

/** `/incident slo`: the month's budget, how fast it burns, where it ends, and RTO/RPO of open incidents. */
export function renderSloReply(input: SloReplyInput, locale: Locale): SlackMessage {
  const fr = locale === 'fr';
  const lines = [
    fr ? '*Objectifs SLO — ce mois*' : '*SLOs — this month*',
    budgetLine(input.budget, locale, input.unavailableReason),
  ];
  if (input.budget !== undefined) {
    const burn = input.budget.burnRate.toFixed(2).replace('.', fr ? ',' : '.');
    const projected = formatDuration(input.budget.projectedMs);
    lines.push(
      fr
        ? `Vitesse de consommation : × ${burn} · projection fin de mois : ${projected} (source : ${input.budget.source === 'incidents' ? 'incidents Vigie' : 'Prometheus (SLI)'})`
        : `Burn rate: × ${burn} · projected at month end: ${projected} (source: ${input.budget.source === 'incidents' ? 'Vigie incidents' : 'Prometheus (SLI)'})`,
    );
  }
  for (const { incident, runbook } of input.open) {
    const rto = runbook?.recovery.rto;
    const rpo = runbook?.recovery.rpo;
    if (rto === undefined && rpo === undefined) continue;
    const parts: string[] = [];
    if (rto !== undefined) {
      const deadline = incident.openedAt + rto;
      const when = slackDate(deadline, '{date_short_pretty} {time}', new Date(deadline).toISOString());
      parts.push(
        input.now > deadline
          ? fr
            ? `RTO dépassé (échéance ${when})`
            : `RTO breached (deadline ${when})`
          : fr
            ? `RTO avant ${when}`
            : `RTO before ${when}`,
      );
    }
    if (rpo !== undefined) {
      const age = input.now - incident.openedAt;
      parts.push(
        fr
          ? `${formatDuration(age)} sans archivage / RPO ${formatDuration(rpo)}`
          : `${formatDuration(age)} unarchived / RPO ${formatDuration(rpo)}`,
      );
    }
    lines.push(`• \`${incident.id}\` ${escapeMrkdwn(incident.policy.title)} — ${parts.join(' · ')}`);
  }
  const text = fitLines(lines, LIMITS.sectionText, (n) => (fr ? `… et ${n} de plus` : `… and ${n} more`));
  return { text: lines[1] ?? '', blocks: [section(text)] };
}
