import type { KnownBlock } from '@slack/types';
import { postmortemRequired } from '../../incidents/escalation-plan';
import type { Incident } from '../../incidents/types';
import { encodeActionValue } from '../action-value';
import { ACTION, actionIdFor } from '../ids';
import { messages } from '../../i18n';
import { LIMITS, truncate } from './limits';
import type { CardContext } from './primitives';
import { clockTime, person, section } from './primitives';

/** When a post-mortem is owed: the SLO file's post-incident duties, each ticked on the card by someone. */
export function followupBlocks(incident: Incident, ctx: CardContext): KnownBlock[] {
  if (incident.status !== 'resolved' || !postmortemRequired(incident) || ctx.followups.length === 0)
    return [];
  const m = messages(ctx.locale).followups;
  const blocks: KnownBlock[] = [section(m.heading)];
  for (const item of ctx.followups) {
    const check = incident.followups[item.id];
    const who = check === undefined ? '' : `\n_${m.doneBy(person(check.by), clockTime(check.at))}_`;
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(`${check === undefined ? '⬜' : '✅'} ${item.label}${who}`, LIMITS.sectionText),
      },
      accessory: {
        type: 'button',
        action_id: actionIdFor(ACTION.followupToggle, item.id),
        text: {
          type: 'plain_text',
          text: check === undefined ? m.done : m.reopen,
          emoji: true,
        },
        value: encodeActionValue({ v: 1, i: incident.id, g: incident.generation, s: item.id }),
      },
    });
  }
  return blocks;
}
