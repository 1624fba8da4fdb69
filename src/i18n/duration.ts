/** The unit words of one language. */
export interface DurationUnits {
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/**
 * One duration rule for every surface: whole minutes elapsed (never rounded up: « 2 min » until the
 * third minute has passed), seconds only under a minute, days from three days on (« 24 h » reads
 * better than « 1 j » for the RPO). The card, the thread, the email and the post-mortem all use it.
 */
export function durationIn(units: DurationUnits): (ms: number) => string {
  return (ms) => {
    const totalSeconds = Math.max(0, Math.floor(ms / 1000));
    const days = totalSeconds >= 3 * 86_400 ? Math.floor(totalSeconds / 86_400) : 0;
    const hours = Math.floor((totalSeconds - days * 86_400) / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const parts: string[] = [];
    if (days > 0) parts.push(`${days} ${units.day}`);
    if (hours > 0) parts.push(`${hours} ${units.hour}`);
    if (minutes > 0) parts.push(`${minutes} ${units.minute}`);
    if (parts.length === 0) parts.push(`${totalSeconds % 60} ${units.second}`);
    return parts.join(' ');
  };
}
