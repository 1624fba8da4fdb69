/** Lua scripts: each runs atomically on the server, so concurrent replicas never interleave inside one. */

/**
 * KEYS: incident hash, key index, open-incidents zset, card-sync due zset, incidents-by-opening zset, then one due zset per
 * scheduled entry, then one per cancelled entry.
 * ARGV: id, expected version, new version, document, expected key owner ("" none, "*" do not check
 * nor claim the key), status, openedAt, changed-at, number scheduled, then member and due-at for each,
 * then number cancelled, then the member of each.
 * Returns 1 when written (with all its durable work), 0 on a version or key-ownership conflict.
 */
export const SAVE_INCIDENT = `
local stored = redis.call('HGET', KEYS[1], 'version') or '0'
if stored ~= ARGV[2] then return 0 end
if ARGV[5] ~= '*' then
  local owner = redis.call('GET', KEYS[2]) or ''
  if owner ~= ARGV[5] then return 0 end
  redis.call('SET', KEYS[2], ARGV[1])
end
redis.call('HSET', KEYS[1], 'version', ARGV[3], 'doc', ARGV[4])
if ARGV[6] == 'resolved' then
  redis.call('ZREM', KEYS[3], ARGV[1])
else
  redis.call('ZADD', KEYS[3], ARGV[7], ARGV[1])
end
redis.call('ZADD', KEYS[4], 'LT', ARGV[8], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[7], ARGV[1])
local scheduled = tonumber(ARGV[9])
for i = 1, scheduled do
  redis.call('ZADD', KEYS[5 + i], 'LT', ARGV[9 + 2 * i], ARGV[8 + 2 * i])
end
local cancelled = tonumber(ARGV[10 + 2 * scheduled])
for i = 1, cancelled do
  redis.call('ZREM', KEYS[5 + scheduled + i], ARGV[10 + 2 * scheduled + i])
end
return 1
`;

/**
 * KEYS: due zset, leased zset. ARGV: now, lease ms, limit.
 * Expired leases go back to due first; a member still under a live lease is skipped even if it is
 * due again, so one member is never worked on by two workers at once. Returns member, due-at pairs.
 */
export const CLAIM = `
local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, member in ipairs(expired) do
  redis.call('ZREM', KEYS[2], member)
  redis.call('ZADD', KEYS[1], 'LT', now, member)
end
local limit = tonumber(ARGV[3])
local candidates = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, limit * 4)
local claimed = {}
for i = 1, #candidates, 2 do
  if #claimed >= limit * 2 then break end
  local member = candidates[i]
  if not redis.call('ZSCORE', KEYS[2], member) then
    redis.call('ZREM', KEYS[1], member)
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), member)
    claimed[#claimed + 1] = member
    claimed[#claimed + 1] = candidates[i + 1]
  end
end
return claimed
`;

/** KEYS: due zset, leased zset. ARGV: member, due-at. */
export const RETRY = `
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], 'LT', ARGV[2], ARGV[1])
return 1
`;
