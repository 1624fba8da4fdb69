/** `/incident` subcommands, parsed from the text after the command. Pure, so it is tested alone. */
export type IncidentSubcommand =
  /** `unknown`: the word typed, when it is no subcommand (said before the help). */
  | { name: 'help'; unknown?: string }
  /** `query`: the words after it, which the listed incidents must match ("" lists them all). */
  | { name: 'list'; query: string }
  | { name: 'slo' }
  | { name: 'status' | 'ack' | 'resolve' | 'escalate' | 'rollback' | 'postmortem'; id: string | undefined }
  | { name: 'mitigate'; action: string | undefined; id: string | undefined }
  | { name: 'note'; text: string; id: string | undefined }
  | { name: 'declare'; runbook: string | undefined; summary: string };

const ALIASES: Record<string, IncidentSubcommand['name']> = {
  help: 'help',
  aide: 'help',
  list: 'list',
  liste: 'list',
  ls: 'list',
  slo: 'slo',
  postmortem: 'postmortem',
  'post-mortem': 'postmortem',
  pm: 'postmortem',
  budget: 'slo',
  status: 'status',
  statut: 'status',
  etat: 'status',
  état: 'status',
  ack: 'ack',
  prendre: 'ack',
  pec: 'ack',
  rollback: 'rollback',
  mitigate: 'mitigate',
  mitiger: 'mitigate',
  note: 'note',
  resolve: 'resolve',
  resoudre: 'resolve',
  résoudre: 'resolve',
  escalate: 'escalate',
  escalader: 'escalate',
  declare: 'declare',
  declarer: 'declare',
  déclarer: 'declare',
};

/** "INC-12", "inc-12", "INC-012", "#12" or "12" → "INC-12" (ids are never written with leading zeros). */
export function normalizeIncidentId(token: string): string | undefined {
  const match = /^(?:inc-|#)?0*(\d{1,9})$/i.exec(token);
  return match === null ? undefined : `INC-${match[1] ?? ''}`;
}

export function parseIncidentCommand(text: string): IncidentSubcommand {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const name = ALIASES[(words[0] ?? '').toLowerCase()];
  const args = words.slice(1);
  switch (name) {
    case 'list':
      return { name: 'list', query: args.join(' ') };
    case 'slo':
      return { name: 'slo' };
    case 'status':
    case 'ack':
    case 'resolve':
    case 'escalate':
    case 'rollback':
    case 'postmortem':
      return { name, id: args[0] === undefined ? undefined : (normalizeIncidentId(args[0]) ?? args[0]) };
    case 'mitigate':
      // `mitiger INC-3`: the incident, its action not given (its mitigations are then named).
      if (args.length === 1 && /^inc-\d+$/i.test(args[0] ?? ''))
        return { name, action: undefined, id: normalizeIncidentId(args[0] ?? '') };
      return {
        name,
        action: args[0],
        id: args[1] === undefined ? undefined : (normalizeIncidentId(args[1]) ?? args[1]),
      };
    case 'note': {
      // Only an explicit "INC-n", first or last, is an id: a note may well start or end with a number.
      const explicit = (word: string | undefined) =>
        word !== undefined && /^inc-\d+$/i.test(word) ? normalizeIncidentId(word) : undefined;
      const first = explicit(args[0]);
      if (first !== undefined) return { name, text: args.slice(1).join(' '), id: first };
      const last = explicit(args.at(-1));
      return { name, text: (last === undefined ? args : args.slice(0, -1)).join(' '), id: last };
    }
    case 'declare':
      return { name, runbook: args[0], summary: args.slice(1).join(' ') };
    case 'help':
      return { name: 'help' };
    default:
      return words[0] === undefined ? { name: 'help' } : { name: 'help', unknown: words[0] };
  }
}
