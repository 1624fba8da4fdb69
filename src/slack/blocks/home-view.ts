import type { HomeView, KnownBlock } from '@slack/types';
import { incidentStart } from '../../incidents/alert-tally';
import { byAttention } from '../../incidents/attention-order';
import type { Incident } from '../../incidents/types';
import type { BudgetView } from './card-slo';
import { budgetLine } from './card-slo';
import type { Locale } from '../../i18n';
import { messages } from '../../i18n';
import { escapeMrkdwn, LIMITS, slackDate } from './limits';
import { context, section } from './primitives';
import { apartMrkdwn, labelsTellingApart } from './telling-apart';

/** Blocks a Home tab may hold (Slack allows 100; keep room for the header and footer). */
const MAX_INCIDENTS = 40;

/** The App Home tab: the open incidents, the most severe and untaken first (byAttention), with their channel. */
export function renderHomeView(
  incidents: Incident[],
  locale: Locale,
  now: number,
  budget?: BudgetView,
): HomeView {
  const m = messages(locale);
  const s = m.card;
  const sorted = [...incidents].sort(byAttention);
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: m.home.title },
    },
  ];
  if (budget !== undefined) blocks.push(section(budgetLine(budget, locale)));
  if (sorted.length === 0) blocks.push(section(m.home.none));
  const shown = sorted.slice(0, MAX_INCIDENTS);
  const apart = labelsTellingApart(shown);
  for (const i of shown) {
    const since = slackDate(incidentStart(i), '{ago}', new Date(incidentStart(i)).toISOString());
    const labels = apartMrkdwn(i, apart.get(i.id));
    blocks.push(
      section(
        `${s.severity[i.severity]} \`${i.id}\` *${escapeMrkdwn(i.policy.title)}*${labels === '' ? '' : ` ${labels}`}\n${s.status[i.status]} · ${since} · ${i.policy.channels.join(', ')}`,
      ),
    );
  }
  if (sorted.length > MAX_INCIDENTS)
    blocks.push(context([m.commands.listMore(sorted.length - MAX_INCIDENTS)]));
  blocks.push(
    context([
      `${s.updated} ${slackDate(now, '{date_short_pretty} {time}', new Date(now).toISOString())} · ${m.home.help}`,
    ]),
  );
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerMessage * 2) };
}
