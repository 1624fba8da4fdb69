import { Writable } from 'node:stream';
import { createLogger } from '../../../src/observability/logger';

describe('logger', () => {
  it('redacts tokens, secrets and Authorization headers wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      { token: 'xoxb-secret-1', slack: { botToken: 'xoxb-secret-2', signingSecret: 'sig-secret-3' } },
      'a',
    );
    logger.info(
      { req: { headers: { authorization: 'Bearer am-secret-4' } }, alertmanagerToken: 'am-secret-5' },
      'b',
    );
    logger.info({ redis: { url: 'redis://:pw-secret-6@host:6379' } }, 'c');
    const text = lines.join('');
    for (const secret of [
      'xoxb-secret-1',
      'xoxb-secret-2',
      'sig-secret-3',
      'am-secret-4',
      'am-secret-5',
      'pw-secret-6',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});
