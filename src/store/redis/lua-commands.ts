import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';

/**
 * Vigie's Lua scripts, one file each in `lua/` (input and output described in its header), defined
 * once per connection: ioredis sends them by SHA (EVALSHA) and loads a script again only when Redis
 * has lost it (NOSCRIPT after a restart or SCRIPT FLUSH).
 */
const SCRIPTS = {
  vigieSaveIncident: 'save-incident.lua',
  vigieReadDelivery: 'read-delivery.lua',
  vigieClaim: 'claim.lua',
  vigieRetry: 'retry.lua',
  vigieHold: 'hold.lua',
  vigieMark: 'mark.lua',
  vigieTakeTokens: 'take-tokens.lua',
  vigiePauseBucket: 'pause-bucket.lua',
  vigieJoinDigest: 'join-digest.lua',
} as const;

type ScriptName = keyof typeof SCRIPTS;
type Arg = string | number | Buffer;

/** A script call: the number of keys, then the keys, then the arguments (as EVALSHA takes them). */
export type ScriptCall = (numberOfKeys: number, ...keysAndArgs: Arg[]) => Promise<unknown>;

export type VigieRedis = Redis & Record<ScriptName, ScriptCall>;

/** The directory holding the .lua files: beside this module (src/ under ts-jest, dist/ once built). */
const LUA_DIR = path.join(__dirname, 'lua');

function source(file: string): string {
  try {
    return readFileSync(path.join(LUA_DIR, file), 'utf8');
  } catch (error) {
    throw new Error(
      `Lua script ${file} not found in ${LUA_DIR}: the build must copy src/store/redis/lua (npm run build does).`,
      { cause: error },
    );
  }
}

const sources = new Map<ScriptName, string>();

/** Defines every script on the connection (read from disk once per process). */
export function defineScripts(redis: Redis): VigieRedis {
  for (const [name, file] of Object.entries(SCRIPTS) as Array<[ScriptName, string]>) {
    const lua = sources.get(name) ?? source(file);
    sources.set(name, lua);
    redis.defineCommand(name, { lua });
  }
  return redis as VigieRedis;
}
