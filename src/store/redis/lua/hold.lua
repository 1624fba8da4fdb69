--[[
  Drops a member's lease and makes it due at the end of a hold: the work cannot progress before then
  (a card waiting for its channel's Slack budget). An ordinary mark made while the member was worked
  on is pushed back to the hold's end; an urgent one keeps its time (Slack's pacing keeps a reserve
  for urgent writes).

  Input:
    KEYS[1] due zset
    KEYS[2] leased zset
    KEYS[3] urgent set (members marked urgently since last claimed)
    ARGV[1] member
    ARGV[2] the hold's end (ms)

  Output:
    1  due at the hold's end
    2  an urgent mark came meanwhile: due at its time (or the hold's end if sooner)
]]
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  redis.call('ZADD', KEYS[1], 'LT', ARGV[2], ARGV[1])
  return 2
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
