import type { Config } from '../config/config';
import { ConfigError, loadConfig } from '../config/config';
import { RedisKeys } from '../store/redis/keys';
import { createRedisStore } from '../store/redis/redis-store';

/**
 * `vigie incidents export <id>`: one incident as JSON (its state, timeline and audit log) for the
 * compliance file, before its retention (INCIDENT_RETENTION_DAYS) lets it expire. Reads REDIS_URL and
 * REDIS_KEY_PREFIX like the server.
 */
export async function incidentsExport(
  id: string | undefined,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  env?: Record<string, string | undefined>,
): Promise<number> {
  if (id === undefined || !/^[A-Z]+-\d+$/.test(id)) {
    err.write('Usage: vigie incidents export <INC-n>   (needs REDIS_URL)\n');
    return 2;
  }
  let config: Config;
  try {
    config = env === undefined ? loadConfig() : loadConfig(env);
  } catch (error) {
    err.write(`vigie: ${error instanceof ConfigError ? error.message : String(error)}\n`);
    return 1;
  }
  if (config.redis === undefined) {
    err.write('vigie: REDIS_URL is not set: the export reads the incident from Redis.\n');
    return 1;
  }
  const store = createRedisStore(config.redis.url, config.redis.keyPrefix, {
    retentionDays: config.redis.retentionDays,
  });
  try {
    await store.connect();
    const incident = await store.incidents.get(id);
    if (incident === null) {
      err.write(`vigie: no incident ${id} (never opened, or past its retention).\n`);
      return 1;
    }
    const audit = await store.audit.list(id);
    const { firing, resolved } = incident.alertTally;
    const alerts = await store.incidents.listAlerts(id, firing + resolved);
    const ttlMs = await store.redis.pttl(new RedisKeys(config.redis.keyPrefix).incident(id));
    out.write(
      `${JSON.stringify(
        {
          exportedAt: new Date().toISOString(),
          expiresAt: ttlMs > 0 ? new Date(Date.now() + ttlMs).toISOString() : null,
          incident,
          alerts,
          audit,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
