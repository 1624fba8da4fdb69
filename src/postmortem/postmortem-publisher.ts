import type { Incident } from '../incidents/types';
import { postmortemDraft } from '../incidents/postmortem-draft';
import type { RunbookSet } from '../runbooks/loader';
import type { SloTracker } from '../slo/slo-tracker';
import type { ChatTransport } from '../slack/transport';
import type { WorkOutcome } from '../store/queue-worker';
import type { CardRefStore } from '../store/store';

export interface PostmortemDeps {
  template: string;
  runbooks: RunbookSet;
  slo: SloTracker;
  cards: CardRefStore;
  chat: ChatTransport;
}

/** Drafts an incident's post-mortem from the template, and shares it as a file in the card's thread. */
export class PostmortemPublisher {
  constructor(private readonly deps: PostmortemDeps) {}

  async draft(incident: Incident): Promise<string> {
    const runbook = this.deps.runbooks.runbooks.find((r) => r.id === incident.policy.runbookId);
    const roles = (ids: string[]) =>
      ids.map((id) => this.deps.runbooks.contacts.roles[id]?.name ?? id).join(' + ');
    const budget = this.deps.slo.consumes(incident.policy.runbookId)
      ? await this.deps.slo.asOf(incident.updatedAt)
      : undefined;
    return postmortemDraft(this.deps.template, incident, {
      triageLabels: Object.fromEntries((runbook?.triage ?? []).map((t) => [t.id, t.label])),
      mitigationLabels: Object.fromEntries((runbook?.mitigations ?? []).map((m) => [m.id, m.label])),
      escalationLabels: Object.fromEntries(
        incident.policy.escalation.map((s) => [s.id, `${s.description} → ${roles(s.notify)}`]),
      ),
      postIncident: this.deps.runbooks.slo.post_incident.map((p) => p.label),
      budget,
      rtoMs: runbook?.recovery.rto,
    });
  }

  /** Outbox handler: waits for the card (the thread needs it), then shares the draft once. */
  async publish(incident: Incident): Promise<WorkOutcome> {
    const ref = (await this.deps.cards.list(incident.id))[0];
    if (ref === undefined) return { retryInMs: 2000 };
    const content = await this.draft(incident);
    await this.deps.chat.uploadFile(ref.channelId, ref.ts, {
      filename: `postmortem-${incident.id}.md`,
      title: `Post-mortem ${incident.id} (brouillon)`,
      content,
    });
    return 'done';
  }
}
