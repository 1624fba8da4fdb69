import type { KnownBlock } from '@slack/types';
import type { Incident } from '../../incidents/types';
import { formatDuration } from '../../runbooks/duration';
import type { Locale } from './i18n';
import { slackDate } from './limits';
import type { CardContext } from './primitives';
import { context } from './primitives';

/** The month's availability figures as the card shows them (from the SLO tracker). */
export interface BudgetView {
  consumedMs: number;
  budgetMs: number;
  consumedRatio: number;
  threatened: boolean;
}

export function budgetLine(view: BudgetView | undefined, locale: Locale, unavailableReason?: string): string {
  const fr = locale === 'fr';
  if (view === undefined) {
    const reason =
      unavailableReason ?? (fr ? "calcul impossible pour l'instant" : 'cannot be computed right now');
    return fr ? `📉 Budget d'erreur : indisponible (${reason})` : `📉 Error budget: unavailable (${reason})`;
  }
  const percent = Math.round(view.consumedRatio * 100);
  const threat = view.threatened ? (fr ? ' · ⚠️ SLA menacé' : ' · ⚠️ SLA threatened') : '';
  return fr
    ? `📉 Budget d'erreur : ${formatDuration(view.consumedMs)} consommés sur ${formatDuration(view.budgetMs)} (${percent} %) — ce mois${threat}`
    : `📉 Error budget: ${formatDuration(view.consumedMs)} used of ${formatDuration(view.budgetMs)} (${percent} %) — this month${threat}`;
}

function earliestAlert(incident: Incident): number {
  return Math.min(incident.openedAt, incident.alertTally.firstStartsAt ?? incident.openedAt);
}

/** Budget (availability-impacting runbooks), RTO deadline or verdict, RPO age — where the runbook sets them. */
export function sloBlocks(incident: Incident, ctx: CardContext): KnownBlock[] {
  const fr = ctx.locale === 'fr';
  const lines: string[] = [];
  if (ctx.budget !== null) lines.push(budgetLine(ctx.budget, ctx.locale, ctx.budgetUnavailableReason));
  const rto = ctx.runbook?.recovery.rto;
  if (rto !== undefined) {
    const deadline = incident.openedAt + rto;
    if (incident.resolvedAt === undefined) {
      const when = slackDate(deadline, '{date_short_pretty} {time}', new Date(deadline).toISOString());
      lines.push(
        fr
          ? `⏱️ RTO ${formatDuration(rto)} : remise en service avant ${when}`
          : `⏱️ RTO ${formatDuration(rto)}: back in service before ${when}`,
      );
    } else {
      const took = formatDuration(incident.resolvedAt - incident.openedAt);
      const met = incident.resolvedAt <= deadline;
      lines.push(
        fr
          ? `⏱️ RTO ${formatDuration(rto)} ${met ? 'respecté' : 'dépassé'} (${took})`
          : `⏱️ RTO ${formatDuration(rto)} ${met ? 'met' : 'breached'} (${took})`,
      );
    }
  }
  const rpo = ctx.runbook?.recovery.rpo;
  if (rpo !== undefined) {
    const since = earliestAlert(incident);
    const age = (incident.resolvedAt ?? ctx.now) - since;
    const over = age > rpo;
    lines.push(
      fr
        ? `🗄️ Journaux audit non archivés depuis ${formatDuration(age)} (RPO ${formatDuration(rpo)})${over ? ' — RPO dépassé' : ''}`
        : `🗄️ Audit logs unarchived for ${formatDuration(age)} (RPO ${formatDuration(rpo)})${over ? ' — RPO breached' : ''}`,
    );
  }
  return lines.length === 0 ? [] : [context(lines)];
}
