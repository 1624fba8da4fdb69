import { messageLink, workspaceUrlOf } from '../../../src/slack/message-link';

describe('messageLink', () => {
  it('builds the link Slack gives for a message in a channel', () => {
    // chat.getPermalink's documented answer for this channel and ts.
    expect(messageLink('https://ghostbusters.slack.com/', 'C1H9RESGA', '1358546515.000008')).toBe(
      'https://ghostbusters.slack.com/archives/C1H9RESGA/p1358546515000008',
    );
  });

  it('adds the slash a workspace address without one lacks', () => {
    expect(messageLink('https://jmd.slack.com', 'C0ALERTS', '1700000000.000100')).toBe(
      'https://jmd.slack.com/archives/C0ALERTS/p1700000000000100',
    );
  });
});

describe('workspaceUrlOf', () => {
  it('keeps an https address', () => {
    expect(workspaceUrlOf('https://jmd.slack.com/')).toBe('https://jmd.slack.com/');
  });

  it('refuses what a link cannot be built on', () => {
    expect(workspaceUrlOf(undefined)).toBeUndefined();
    expect(workspaceUrlOf('')).toBeUndefined();
    expect(workspaceUrlOf('not a url')).toBeUndefined();
    expect(workspaceUrlOf('javascript:alert(1)')).toBeUndefined();
    expect(workspaceUrlOf('http://jmd.slack.com/')).toBeUndefined();
  });
});
