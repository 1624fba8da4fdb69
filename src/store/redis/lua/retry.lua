--[[
  Drops a member's lease and makes it due again.

  Input:
    KEYS[1] due zset
    KEYS[2] leased zset
    ARGV[1] member
    ARGV[2] due at (ms): the member is due then, or sooner if it already was

  Output:
    1
]]
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], 'LT', ARGV[2], ARGV[1])
return 1
