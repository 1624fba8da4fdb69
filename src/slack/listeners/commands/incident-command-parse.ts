/** `/incident` subcommands available so far, with their French and English names. */
export type IncidentSubcommand = { name: 'help' } | { name: 'list' };

const ALIASES: Record<string, IncidentSubcommand['name']> = {
  help: 'help',
  aide: 'help',
  list: 'list',
  liste: 'list',
  ls: 'list',
};

/** Parses the text after `/incident`; anything unknown answers with help. */
export function parseIncidentCommand(text: string): IncidentSubcommand {
  const word = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return { name: ALIASES[word] ?? 'help' };
}
