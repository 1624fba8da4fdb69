--[[
  Adds an incident to its scope's current storm digest, or starts a new digest when nothing joined
  the current one for a quiet period (a later storm gets a digest of its own).

  Input:
    KEYS[1] the scope's current-digest hash (fields: id, last)
    ARGV[1] scope (runbook and channel)
    ARGV[2] incident id
    ARGV[3] now (ms)
    ARGV[4] quiet period (ms)
    ARGV[5] retention (ms): how long the digest is kept after its last join
    ARGV[6] digest key prefix: a digest's members are the zset `prefix .. id .. ':members'`

  Output:
    the digest id. Members are scored by when they joined (a re-join keeps its first time).
]]
local now = tonumber(ARGV[3])
local id = redis.call('HGET', KEYS[1], 'id')
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
if not id or last < now - tonumber(ARGV[4]) then
  id = ARGV[1] .. '@' .. ARGV[3]
end
redis.call('HSET', KEYS[1], 'id', id, 'last', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
local members = ARGV[6] .. id .. ':members'
redis.call('ZADD', members, 'NX', now, ARGV[2])
redis.call('PEXPIRE', members, ARGV[5])
return id
