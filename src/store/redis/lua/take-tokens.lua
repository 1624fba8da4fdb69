--[[
  Token buckets shared by every replica (Slack's rate limits count per app).

  Input:
    KEYS[1..n] one hash per bucket (fields t = tokens, a = refilled at, p = paused until)
    ARGV[1]    now (ms)
    ARGV[2]    "take" or "peek"
    ARGV[3..]  per bucket: tokens per second, burst, reserve (tokens the call must leave)

  Output:
    0 when taken (or, for "peek", when it would be), else the milliseconds to wait. Takes one token
    from every bucket if each has one beyond its reserve and is not paused; else takes none.
]]
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
