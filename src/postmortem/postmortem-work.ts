/** The post-mortem queue: its own kind of durable work, not the escalation outbox's. */
export const POSTMORTEM_QUEUE = 'postmortem';

/** One draft to share, for one resolved phase of one incident. */
export interface PostmortemItem {
  incidentId: string;
  generation: number;
}

export const postmortemMember = (item: PostmortemItem): string => `${item.incidentId}|${item.generation}`;

export function parsePostmortemMember(member: string): PostmortemItem | undefined {
  const [incidentId, generation] = member.split('|');
  const g = Number(generation);
  return incidentId === undefined || incidentId === '' || !Number.isInteger(g)
    ? undefined
    : { incidentId, generation: g };
}
