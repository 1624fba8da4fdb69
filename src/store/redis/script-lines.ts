/**
 * Text handed to a Lua script as lines in one argument (one argument is far cheaper for the client
 * than one per item): "\" and newline escaped as "\\" and "\n". JSON values need no escaping (JSON has
 * no raw newline); fingerprints and card-order members may hold anything.
 */
export const escapeLine = (text: string): string =>
  text.includes('\\') || text.includes('\n') ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : text;
