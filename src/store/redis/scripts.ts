/** Lua scripts: each runs atomically on the server, so concurrent replicas never interleave inside one. */

/**
 * KEYS: incident hash, key index, open-incidents zset, card-sync due zset, incidents-by-opening zset, then one due zset per
 * scheduled entry, then one per cancelled entry, then the incident's audit stream and card refs, then
 * the open-incident counts hash.
 * ARGV: id, expected version, new version, document, expected key owner ("" none, "*" do not check
 * nor claim the key), status, openedAt, changed-at, number scheduled, then member and due-at for each,
 * then number cancelled, then the member of each, then the retention (ms) of a resolved incident,
 * then the gauge field it counts under ("" once resolved).
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
-- The open-incident gauge: the incident's counted field moves with its status and severity.
local counts = KEYS[8 + scheduled + cancelled]
local counted = redis.call('HGET', KEYS[1], 'gauge') or ''
local field = ARGV[12 + 2 * scheduled + cancelled]
if counted ~= field then
  if counted ~= '' then redis.call('HINCRBY', counts, counted, -1) end
  if field ~= '' then redis.call('HINCRBY', counts, field, 1) end
  redis.call('HSET', KEYS[1], 'gauge', field)
end
-- Retention: a resolved incident, its key, audit stream and card refs expire after it; a reopened one is kept.
local retention = tonumber(ARGV[11 + 2 * scheduled + cancelled])
local kept = { KEYS[1], KEYS[2], KEYS[6 + scheduled + cancelled], KEYS[7 + scheduled + cancelled] }
for _, key in ipairs(kept) do
  if ARGV[6] == 'resolved' then
    redis.call('PEXPIRE', key, retention)
  else
    redis.call('PERSIST', key)
  end
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

/**
 * Token buckets shared by every replica (Slack's rate limits count per app).
 * KEYS: one hash per bucket (fields t = tokens, a = refilled at, p = paused until).
 * ARGV: now, "take" or "peek", then per bucket: tokens per second, burst, reserve.
 * Takes one token from every bucket if each has one beyond its reserve and is not paused; else takes
 * none ("peek" never takes). Returns 0 (taken, or would be) or the milliseconds to wait.
 */
export const TAKE_TOKENS = `
local now = tonumber(ARGV[1])
local taking = ARGV[2] == 'take'
local wait = 0
local state = {}
for i = 1, #KEYS do
  local rate = tonumber(ARGV[3 + (i - 1) * 3])
  local burst = tonumber(ARGV[4 + (i - 1) * 3])
  local reserve = tonumber(ARGV[5 + (i - 1) * 3])
  local stored = redis.call('HMGET', KEYS[i], 't', 'a', 'p')
  local tokens = tonumber(stored[1]) or burst
  local at = tonumber(stored[2]) or now
  local paused = tonumber(stored[3]) or 0
  if now > at then
    tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
    at = now
  end
  local needed = math.min(burst, reserve + 1)
  local w = 0
  if paused > now then
    w = paused - now
  elseif tokens < needed then
    w = math.ceil((needed - tokens) / rate * 1000)
  end
  if w > wait then wait = w end
  state[i] = { tokens, at, paused, math.ceil(burst / rate * 1000) }
end
if not taking then return wait end
for i = 1, #KEYS do
  local s = state[i]
  local tokens = s[1]
  if wait == 0 then tokens = tokens - 1 end
  redis.call('HSET', KEYS[i], 't', tostring(tokens), 'a', tostring(s[2]), 'p', tostring(s[3]))
  redis.call('PEXPIRE', KEYS[i], math.max(s[4], s[3] - now) + 60000)
end
return wait
`;

/** KEYS: the bucket hash. ARGV: now, paused-until. A 429 pauses the bucket for every replica. */
export const PAUSE_BUCKET = `
local until_ms = tonumber(ARGV[2])
local paused = tonumber(redis.call('HGET', KEYS[1], 'p')) or 0
if until_ms > paused then redis.call('HSET', KEYS[1], 'p', tostring(until_ms)) end
redis.call('PEXPIRE', KEYS[1], math.max(until_ms - tonumber(ARGV[1]), 0) + 60000)
return 1
`;
