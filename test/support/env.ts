import { randomBytes } from 'node:crypto';

export function testRedisUrl(): string {
  const url = process.env.VIGIE_TEST_REDIS_URL;
  if (url === undefined)
    throw new Error('VIGIE_TEST_REDIS_URL is not set: run the tests with `npm test` (jest globalSetup)');
  return url;
}

/** A key prefix of its own for each test, so tests never see each other's data in the shared Redis. */
export function uniquePrefix(label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`;
}
