import type { z } from 'zod';

const TYPES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  boolean: 'true ou false',
  array: 'une liste [ … ]',
  object: 'un objet { clé: valeur }',
  record: 'un objet { clé: valeur }',
};

function received(input: unknown): string {
  if (input === undefined) return 'rien';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'une liste';
  if (typeof input === 'string') return `« ${input} »`;
  if (typeof input === 'number' || typeof input === 'boolean') return `« ${input} »`;
  return 'un objet';
}

const plural = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) > 1 ? many : one}`;

/**
 * What a runbook author reads for each problem zod finds, in the runbook's language: what is
 * expected and what was written, not zod's vocabulary. Messages the schema words itself (durations,
 * ids, channels) pass through.
 */
export function runbookIssueWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `manquant : attendu ${TYPES[issue.expected] ?? issue.expected}`
        : `attendu ${TYPES[issue.expected] ?? issue.expected}, trouvé ${received(issue.input)}`;
    case 'unrecognized_keys':
      return `${issue.keys.length > 1 ? 'clés inconnues' : 'clé inconnue'} : ${issue.keys.map((k) => `« ${k} »`).join(', ')} (faute de frappe ? voir docs/runbooks.md)`;
    case 'invalid_value':
      return `valeur « ${String(issue.input)} » non prévue : ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `au moins ${plural(issue.minimum, 'élément', 'éléments')}`
        : issue.origin === 'string'
          ? 'ne peut pas être vide'
          : `au moins ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `au plus ${plural(issue.maximum, 'élément', 'éléments')}`
        : issue.origin === 'string'
          ? `au plus ${plural(issue.maximum, 'caractère', 'caractères')} (Slack coupe au-delà)`
          : `au plus ${String(issue.maximum)}`;
    case 'invalid_union': {
      // A branch said something specific (a bad duration, a value not among those allowed): say that.
      const errors = issue.errors.flat();
      const custom = errors.find((e) => e.code === 'custom');
      if (custom !== undefined) return custom.message;
      const value = errors.find((e) => e.code === 'invalid_value');
      if (value?.code === 'invalid_value') {
        const where = value.path.length === 0 ? '' : `${value.path.join('.')} : `;
        return `${where}valeur non prévue, attendu ${value.values.map((v) => String(v)).join(' ou ')}`;
      }
      return 'forme non reconnue : voir les formes possibles dans README.md (« Escalation », « Writing or changing a runbook ») et les runbooks de runbooks/';
    }
    case 'invalid_format':
      return issue.format === 'email' ? `adresse email invalide : ${received(issue.input)}` : undefined;
    default:
      return undefined;
  }
}
