import type { AlertsEndpointOptions } from './http/alerts-endpoint';
import { alertsEndpoint } from './http/alerts-endpoint';
import type { Route } from './http/server';
import type { SlackGateOptions } from './slack/request-gate/slack-request-gate';
import { slackRequestGate } from './slack/request-gate/slack-request-gate';

/**
 * What the outside sends Vigie: Alertmanager's webhook (POST /alerts) and Slack's requests (POST
 * /slack/events: clicks, commands, events), each through its own gate before any work.
 */
export function inboundRoutes(setup: {
  alerts: AlertsEndpointOptions;
  slackGate: SlackGateOptions;
  /** Where a Slack request the gate let through goes (Bolt, behind its receiver). */
  dispatchToSlack: Parameters<typeof slackRequestGate>[1];
}): Route[] {
  return [
    { method: 'POST', path: '/alerts', handler: alertsEndpoint(setup.alerts) },
    {
      method: 'POST',
      path: '/slack/events',
      handler: slackRequestGate(setup.slackGate, setup.dispatchToSlack),
    },
  ];
}
