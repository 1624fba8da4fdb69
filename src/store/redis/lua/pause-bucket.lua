--[[
  Pauses a rate bucket for every replica (Slack answered 429 with Retry-After).

  Input:
    KEYS[1] the bucket hash
    ARGV[1] now (ms)
    ARGV[2] paused until (ms)

  Output:
    1
]]
local until_ms = tonumber(ARGV[2])
local paused = tonumber(redis.call('HGET', KEYS[1], 'p')) or 0
if until_ms > paused then redis.call('HSET', KEYS[1], 'p', tostring(until_ms)) end
redis.call('PEXPIRE', KEYS[1], math.max(until_ms - tonumber(ARGV[1]), 0) + 60000)
return 1
