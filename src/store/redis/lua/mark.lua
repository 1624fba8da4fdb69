--[[
  Marks a member of the card-sync queue as having a change to show (see CardSyncQueue in store.ts).

  Input:
    KEYS[1] due zset
    KEYS[2] urgent set (members marked urgently since last claimed)
    ARGV[1] member
    ARGV[2] when the change was made (ms)
    ARGV[3] "1": urgent (due then, even if held until later); "0": ordinary (due then unless already
            due or held)

  Output:
    1
]]
if ARGV[3] == '1' then
  redis.call('SADD', KEYS[2], ARGV[1])
  redis.call('ZADD', KEYS[1], 'LT', ARGV[2], ARGV[1])
else
  redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
end
return 1
