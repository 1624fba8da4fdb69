import type { App } from '@slack/bolt';
import type { IncidentRepository } from '../../../incidents/ports';
import type { Logger } from '../../../observability/logger';
import type { Locale } from '../../blocks/i18n';
import { renderHelp, renderIncidentList } from '../../blocks/command-replies';
import { parseIncidentCommand } from './incident-command-parse';

export interface IncidentCommandDeps {
  incidents: IncidentRepository;
  locale: Locale;
  logger: Logger;
}

/** `/incident`: acks at once (Slack's 3-second rule), then answers ephemerally through `respond`. */
export function registerIncidentCommand(app: App, deps: IncidentCommandDeps): void {
  app.command('/incident', async ({ command, ack, respond }) => {
    await ack();
    const sub = parseIncidentCommand(command.text);
    deps.logger.info(
      { user: command.user_id, channel: command.channel_id, subcommand: sub.name },
      'slack: /incident',
    );
    const message =
      sub.name === 'list'
        ? renderIncidentList(await deps.incidents.listOpen(), deps.locale)
        : renderHelp(deps.locale);
    await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  });
}
