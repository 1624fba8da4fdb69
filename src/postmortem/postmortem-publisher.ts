import { postmortemRequired } from '../incidents/escalation-plan';
import type { Clock, IncidentRepository } from '../incidents/ports';
import type { Incident } from '../incidents/types';
import { POSTMORTEM_ITEMS, postmortemDraft } from './postmortem-draft';
import type { Locale } from '../i18n';
import { messages } from '../i18n';
import { timelineNames } from '../runbooks/timeline-names';
import type { PeopleDirectory } from '../slack/people-directory';
import { peopleOf } from '../slack/people-directory';
import type { RunbookSet } from '../runbooks/loader';
import type { SloTracker } from '../slo/slo-tracker';
import type { ChatTransport } from '../slack/transport';
import { RateLimitedError } from '../slack/transport';
import type { WorkOutcome } from '../store/queue-worker';
import type { CardRefStore } from '../store/store';
import { actorName } from '../incidents/actors';

/** A reminder is no hurry: it waits for Slack's budget (up to a minute) rather than giving up. */
async function whenBudgetAllows<T>(send: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof RateLimitedError) || Date.now() + error.retryAfterMs > deadline) throw error;
      await new Promise((r) => setTimeout(r, error.retryAfterMs));
    }
  }
}

export interface PostmortemDeps {
  template: string;
  clock: Clock;
  /** The template's language (the seed template is French): the draft's words, the file's title. */
  locale: Locale;
  runbooks: RunbookSet;
  slo: SloTracker;
  cards: CardRefStore;
  incidents: Pick<IncidentRepository, 'listAlerts'>;
  chat: ChatTransport;
  /** People's names (a file cannot render a Slack mention); absent: people shown by id. */
  people?: PeopleDirectory;
}

/** Drafts an incident's post-mortem from the template, and shares it as a file in the card's thread. */
export class PostmortemPublisher {
  constructor(private readonly deps: PostmortemDeps) {}

  async draft(incident: Incident): Promise<string> {
    const runbook = this.deps.runbooks.runbooks.find((r) => r.id === incident.policy.runbookId);
    const roleName = (id: string) => this.deps.runbooks.contacts.roles[id]?.name ?? id;
    const followups = this.deps.runbooks.slo.post_incident.map((p) => ({ id: p.id, label: p.label }));
    const people = (await this.deps.people?.names(peopleOf(incident))) ?? new Map<string, string>();
    // The one figure every surface shows (with the time it was computed), counted after the resolution.
    const budget = this.deps.slo.consumesIncident(incident)
      ? await this.deps.slo.currentAfter(incident)
      : undefined;
    return postmortemDraft(this.deps.template, incident, {
      locale: this.deps.locale,
      triageLabels: Object.fromEntries((runbook?.triage ?? []).map((t) => [t.id, t.label])),
      names: timelineNames(
        incident,
        runbook,
        roleName,
        followups,
        (actor) => people.get(actor) ?? actorName(actor),
      ),
      escalationLabels: Object.fromEntries(
        incident.policy.escalation.map((s) => [
          s.id,
          `${s.description} → ${s.notify.map(roleName).join(' + ')}`,
        ]),
      ),
      postIncident: this.deps.runbooks.slo.post_incident.map((p) => p.label),
      budget,
      rtoMs: runbook?.recovery.rto,
      rpoMs: runbook?.recovery.rpo,
      now: this.deps.clock.now(),
      // Several alerts can share an item: read a few more than are named.
      alerts: await this.deps.incidents.listAlerts(incident.id, POSTMORTEM_ITEMS * 5),
    });
  }

  /** Outbox handler: waits for the card (the thread needs it), then shares the draft once. */
  async publish(incident: Incident): Promise<WorkOutcome> {
    const ref = (await this.deps.cards.list(incident.id)).find((r) => r.ts !== '');
    if (ref === undefined) return { retryInMs: 2000 };
    const content = await this.draft(incident);
    try {
      await this.deps.chat.uploadFile(ref.channelId, ref.ts, {
        filename: `postmortem-${incident.id}.md`,
        title: messages(this.deps.locale).postmortem.fileTitle(incident.id),
        comment: messages(this.deps.locale).postmortem.fileComment(incident.id),
        content,
      });
    } catch (error) {
      if (error instanceof RateLimitedError) return { retryInMs: error.retryAfterMs };
      throw error;
    }
    return 'done';
  }

  /**
   * The reminder (node-cron): each resolved incident of the last 30 days that owes a post-mortem and
   * still has duties unticked gets a nudge in its thread. Returns how many were nudged.
   */
  async remindFollowups(incidents: IncidentRepository, now: number): Promise<number> {
    const items = this.deps.runbooks.slo.post_incident;
    let nudged = 0;
    for (const incident of await incidents.listOpenedSince(now - 30 * 86_400_000)) {
      if (incident.status !== 'resolved' || !postmortemRequired(incident)) continue;
      const pending = items.filter((p) => incident.followups[p.id] === undefined);
      const ref = (await this.deps.cards.list(incident.id)).find((r) => r.ts !== '');
      if (pending.length === 0 || ref === undefined) continue;
      const text = `⏰ Suivi post-incident de ${incident.id} en attente :\n${pending.map((p) => `• ${p.label}`).join('\n')}\nCochez-les sur la carte quand c'est fait.`;
      await whenBudgetAllows(() =>
        this.deps.chat.postMessage(
          ref.channel,
          { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
          { threadTs: ref.ts, priority: 'thread' },
        ),
      );
      nudged += 1;
    }
    return nudged;
  }
}
