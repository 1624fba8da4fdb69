/**
 * A link to a message in a channel, built the way Slack builds its permalinks
 * (`https://<workspace>.slack.com/archives/<channel>/p<ts without its dot>`), from the workspace's URL
 * `auth.test` gave at start: a page or an email links to the incident's card without asking Slack
 * (chat.getPermalink) while it is being sent — paging never waits on Slack.
 */
export function messageLink(workspaceUrl: string, channelId: string, ts: string): string {
  const base = workspaceUrl.endsWith('/') ? workspaceUrl : `${workspaceUrl}/`;
  return `${base}archives/${encodeURIComponent(channelId)}/p${ts.replace('.', '')}`;
}

/** The workspace URL `auth.test` answered, when it is one a link can be built on (https). */
export function workspaceUrlOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
