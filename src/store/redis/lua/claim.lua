--[[
  Claims due members of a work queue for a lease.

  Input:
    KEYS[1] due zset (score: due at)
    KEYS[2] leased zset (score: lease end)
    KEYS[3] (optional) urgent set: members marked urgently since last claimed (the card-sync queue)
    ARGV[1] now (ms)
    ARGV[2] lease (ms)
    ARGV[3] limit

  Output:
    member, due-at pairs (flat). Expired leases go back to due first; a member still under a live
    lease is skipped even if it is due again, so one member is never worked on by two workers at once.
]]
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
    -- Claimed: the work about to be done shows every change marked so far, urgent ones included.
    if KEYS[3] then redis.call('SREM', KEYS[3], member) end
    claimed[#claimed + 1] = member
    claimed[#claimed + 1] = candidates[i + 1]
  end
end
return claimed
