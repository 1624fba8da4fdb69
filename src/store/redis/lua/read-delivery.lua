--[[
  Reads what merging a delivery into an incident needs, in one round trip: the incident owning the key,
  its header document and the states of the delivery's alerts.

  Input:
    KEYS[1]  the incident key index (key -> incident id)
    ARGV[1]  the prefix of an incident's keys ("{prefix:v1}:incident:"); the owner's keys are built
             from it (they share the hash tag, so the script stays on one cluster slot)
    ARGV[2..] the delivery's alert fingerprints

  Output:
    {} when no incident owns the key; else { owner, document (nil if missing), then one state per
    fingerprint (nil for an alert the incident never saw) }
]]
local owner = redis.call('GET', KEYS[1])
if not owner then return {} end
local incident = ARGV[1] .. owner
local result = { owner, redis.call('HGET', incident, 'doc') }
local CHUNK = 1000
for i = 2, #ARGV, CHUNK do
  local slice = {}
  for j = i, math.min(#ARGV, i + CHUNK - 1) do slice[#slice + 1] = ARGV[j] end
  local states = redis.call('HMGET', incident .. ':alert-states', unpack(slice))
  for k = 1, #slice do result[#result + 1] = states[k] end
end
return result
