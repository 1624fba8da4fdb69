/** Slack Block Kit limits (https://api.slack.com/reference/block-kit). The builders never exceed them. */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  fallbackText: 3000,
  /** Messages whose blocks serialise past ~13k characters fail with msg_blocks_too_long; keep a margin. */
  messageBlocksJson: 12_000,
} as const;

/** Cuts text to `max` characters, ending with "…" when it had to cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Joins as many lines as fit in `max` characters; the rest are summed up by `more(n)`. Lines are
 * never cut in the middle, and the "more" line always fits.
 */
export function fitLines(
  lines: string[],
  max: number,
  more: (hidden: number) => string,
  /** Lines that exist but were not even given (not read): counted in the "more" line. */
  beyond = 0,
): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = truncate(lines[i] ?? '', Math.floor(max / 4));
    const after = lines.length - i - 1 + beyond;
    const tail = after > 0 ? more(after).length + 1 : 0;
    if (length + line.length + 1 + tail > max) {
      kept.push(more(lines.length - i + beyond));
      return kept.join('\n');
    }
    kept.push(line);
    length += line.length + 1;
  }
  if (beyond > 0) kept.push(more(beyond));
  return kept.join('\n');
}

/**
 * Lays lines out in sections of at most `sectionMax` characters each, whole lines only (one longer
 * than a section alone is cut), as long as their `weigh`t together stays within `totalMax` (at least
 * one line). Returns the sections and how many lines they hold.
 */
export function packSections(
  lines: string[],
  limits: { sectionMax: number; totalMax: number },
  /** What a line (with its newline) counts against `totalMax`: its length, or its size in JSON. */
  weigh: (line: string) => number = (line) => line.length + 1,
): { sections: string[]; shown: number } {
  const sections: string[][] = [[]];
  let total = 0;
  let sectionLength = 0;
  let shown = 0;
  for (const whole of lines) {
    const line = truncate(whole, limits.sectionMax);
    const weight = weigh(line);
    if (shown > 0 && total + weight > limits.totalMax) break;
    if (sectionLength > 0 && sectionLength + line.length + 1 > limits.sectionMax) {
      sections.push([]);
      sectionLength = 0;
    }
    sections.at(-1)?.push(line);
    sectionLength += line.length + 1;
    total += weight;
    shown += 1;
  }
  return { sections: sections.filter((s) => s.length > 0).map((s) => s.join('\n')), shown };
}

/** Escapes the three characters Slack mrkdwn treats as control characters in user-supplied text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack date token: rendered in each reader's time zone, and never stale (e.g. "{ago}"). */
export function slackDate(ms: number, format: string, fallback: string): string {
  return `<!date^${Math.floor(ms / 1000)}^${format}|${fallback}>`;
}

/** Whether a URL from outside may become a link: http and https only (never `javascript:`, `slack:`…). */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A link that cannot break the mrkdwn around it (`|` and `>` in a URL would). */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}
