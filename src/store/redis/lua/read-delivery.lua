--[[
  Reads what merging a delivery into an incident needs, in one round trip: the incident owning the key,
  its header document and the states of the delivery's alerts.

  Input:
    KEYS[1]  the incident key index (key -> incident id)
    ARGV[1]  the prefix of an incident's keys ("{prefix:v1}:incident:"); the owner's keys are built
             from it (they share the hash tag, so the script stays on one cluster slot)
    ARGV[2]  the delivery's alert fingerprints, one per line, "\" and newline escaped as "\\" and "\n"
             (one argument, not one per alert: each argument costs the client far more than a line)

  Output:
    {} when no incident owns the key; else { owner, document (nil if missing), states }: the states
    one per line in the order of the fingerprints, an empty line for an alert the incident never saw
    (a state is JSON: never empty, never a raw newline; a stored value with one comes back as "!",
    unreadable)
]]
local owner = redis.call('GET', KEYS[1])
if not owner then return {} end
local incident = ARGV[1] .. owner
local doc = redis.call('HGET', incident, 'doc')

local function unescape(text)
  if not string.find(text, '\\', 1, true) then return text end
  return (string.gsub(text, '\\(.)', function(c) if c == 'n' then return '\n' end return c end))
end
local blob = ARGV[2]
local position = 1
local states = {}
local CHUNK = 1000
while position <= #blob do
  local slice = {}
  while position <= #blob and #slice < CHUNK do
    local stop = string.find(blob, '\n', position, true) or (#blob + 1)
    slice[#slice + 1] = unescape(string.sub(blob, position, stop - 1))
    position = stop + 1
  end
  local values = redis.call('HMGET', incident .. ':alert-states', unpack(slice))
  for k = 1, #slice do
    local value = values[k] or ''
    -- A value with a raw newline is no state Vigie wrote (hand edit): sent as unreadable, not split.
    if string.find(value, '\n', 1, true) then value = '!' end
    states[#states + 1] = value
  end
end
return { owner, doc, table.concat(states, '\n') }
