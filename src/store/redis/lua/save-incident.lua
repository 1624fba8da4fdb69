--[[
  Saves an incident (its small header document) with the alerts that changed and the durable work the
  change implies, atomically: concurrent replicas never interleave inside it.

  Input:
    KEYS[1]  incident hash (fields: version, doc, gauge, shown)
    KEYS[2]  incident key index (key -> incident id)
    KEYS[3]  open incidents zset
    KEYS[4]  card-sync due zset
    KEYS[5]  incidents by opening zset
    KEYS[6]  the incident's audit stream
    KEYS[7]  the incident's card refs hash
    KEYS[8]  open incidents counted by gauge field (hash)
    KEYS[9]  alert states (fingerprint -> [status, startsAt, endsAt, receivedAt, order member])
    KEYS[10] alert records (fingerprint -> record JSON)
    KEYS[11] alert order zset (score: 0 firing, 1 resolved; member: item NUL fingerprint)
    KEYS[12] impact records (incident id -> JSON)
    KEYS[13] impact records by end (score: when the impact ended, +inf while ongoing)
    KEYS[14] incident policies by reference (hash; never expire)
    KEYS[15..17] the alerts written beforehand (states, records, order), moved into KEYS[9..11] when
             p.staged: a new incident's many alerts, written by plain pipelined commands (see below)
    KEYS[18] card-sync urgent set (incidents whose card must show a status or severity change)
    KEYS[19..] one due zset per scheduled entry, then one per cancelled entry

    ARGV[1]  params (cjson): id, expected (version read), version (new), keyOwner ("*": do not check
             nor claim the key; "": nobody may own it; else that incident id), status, openedAt,
             updatedAt, retentionMs, gauge ("" once resolved), shown (the status and severity its
             card shows), schedule ([member, dueAt] pairs),
             cancel (members), fresh (true: a new incident, no alert of it stored yet), impact (its
             impact record, JSON), impactEnd (number, or "+inf" while ongoing), policyRef (the
             reference the document names its policy by), staged (true: the alerts are in KEYS[15..17],
             ARGV[3] is empty; only for a new incident, whose alert keys do not exist yet)
    ARGV[2]  the header document (JSON)
    ARGV[3]  the changed alerts, one string (one argument is far cheaper to send than four per alert):
             four lines per alert — fingerprint, state (JSON), record (JSON), order member — where the
             fingerprint and member have "\" and newline escaped as "\\" and "\n" (JSON has no raw newline)
    ARGV[4]  the policy (JSON), stored under policyRef if absent; "" when the caller believes Redis has it

  Output:
     1  saved, with its alerts and durable work
    -1  version conflict (someone saved since it was read)
    -2  the incident key is owned by another incident
    -3  the policy is not stored and was not sent (send it); nothing was written
]]
local p = cjson.decode(ARGV[1])
local stored = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if stored ~= p.expected then return -1 end
if p.keyOwner ~= '*' then
  local owner = redis.call('GET', KEYS[2]) or ''
  if owner ~= p.keyOwner then return -2 end
end
-- The document names its policy: the policy is stored before any write, or nothing is written.
if ARGV[4] ~= '' then
  redis.call('HSETNX', KEYS[14], p.policyRef, ARGV[4])
elseif redis.call('HEXISTS', KEYS[14], p.policyRef) == 0 then
  return -3
end
if p.keyOwner ~= '*' then redis.call('SET', KEYS[2], p.id) end
redis.call('HSET', KEYS[1], 'version', p.version, 'doc', ARGV[2])

-- A new incident's many alerts were written beforehand under their own keys: moved into place in
-- O(1), so a 10,000-alert opening does not hold Redis up while a script stores it field by field.
if p.staged then
  redis.call('RENAME', KEYS[15], KEYS[9])
  redis.call('RENAME', KEYS[16], KEYS[10])
  redis.call('RENAME', KEYS[17], KEYS[11])
end

-- Alerts, in chunks (a command takes a bounded number of arguments).
local function unescape(text)
  if not string.find(text, '\\', 1, true) then return text end
  return (string.gsub(text, '\\(.)', function(c) if c == 'n' then return '\n' end return c end))
end
local blob = ARGV[3] or ''
local position = 1
local function line()
  local stop = string.find(blob, '\n', position, true)
  local text = string.sub(blob, position, (stop or (#blob + 1)) - 1)
  position = (stop or #blob) + 1
  return text
end
local CHUNK = 500
while position <= #blob do
  local fingerprints, states, records, order = {}, {}, {}, {}
  while position <= #blob and #fingerprints < CHUNK do
    local fingerprint = unescape(line())
    local state = line()
    local record = line()
    local member = unescape(line())
    fingerprints[#fingerprints + 1] = fingerprint
    states[#states + 1] = fingerprint
    states[#states + 1] = state
    records[#records + 1] = fingerprint
    records[#records + 1] = record
    -- Firing first on the card: the state starts with its status.
    order[#order + 1] = string.sub(state, 1, 9) == '["firing"' and 0 or 1
    order[#order + 1] = member
  end
  -- An alert whose item changed (same fingerprint, other labels) leaves its old place in the order.
  if not p.fresh then
    local previous = redis.call('HMGET', KEYS[9], unpack(fingerprints))
    for k = 1, #fingerprints do
      if previous[k] then
        local old = cjson.decode(previous[k])[5]
        if old and old ~= order[2 * k] then redis.call('ZREM', KEYS[11], old) end
      end
    end
  end
  redis.call('HSET', KEYS[9], unpack(states))
  redis.call('HSET', KEYS[10], unpack(records))
  redis.call('ZADD', KEYS[11], unpack(order))
end

if p.status == 'resolved' then
  redis.call('ZREM', KEYS[3], p.id)
else
  redis.call('ZADD', KEYS[3], p.openedAt, p.id)
end
-- Its card: marked urgently when what it shows (status, severity) changed, else ordinarily: an
-- ordinary mark waits for the card's hold (its channel's budget), see CardSyncQueue in store.ts.
if redis.call('HGET', KEYS[1], 'shown') ~= p.shown then
  redis.call('HSET', KEYS[1], 'shown', p.shown)
  redis.call('SADD', KEYS[18], p.id)
  redis.call('ZADD', KEYS[4], 'LT', p.updatedAt, p.id)
else
  redis.call('ZADD', KEYS[4], 'NX', p.updatedAt, p.id)
end
redis.call('ZADD', KEYS[5], p.openedAt, p.id)
-- The error budget's input: the incident's impact record; records older than the retention go.
redis.call('HSET', KEYS[12], p.id, p.impact)
redis.call('ZADD', KEYS[13], p.impactEnd, p.id)
local expired = redis.call('ZRANGEBYSCORE', KEYS[13], '-inf', p.updatedAt - p.retentionMs, 'LIMIT', 0, 10)
for _, old in ipairs(expired) do
  redis.call('HDEL', KEYS[12], old)
  redis.call('ZREM', KEYS[13], old)
end

local next_key = 19
for _, entry in ipairs(p.schedule) do
  redis.call('ZADD', KEYS[next_key], 'LT', entry[2], entry[1])
  next_key = next_key + 1
end
for _, member in ipairs(p.cancel) do
  redis.call('ZREM', KEYS[next_key], member)
  next_key = next_key + 1
end

-- The open-incident gauge: the incident's counted field moves with its status and severity.
local counted = redis.call('HGET', KEYS[1], 'gauge') or ''
if counted ~= p.gauge then
  if counted ~= '' then redis.call('HINCRBY', KEYS[8], counted, -1) end
  if p.gauge ~= '' then redis.call('HINCRBY', KEYS[8], p.gauge, 1) end
  redis.call('HSET', KEYS[1], 'gauge', p.gauge)
end

-- Retention: a resolved incident and everything of it expire after it; a reopened one is kept.
for _, key in ipairs({ KEYS[1], KEYS[2], KEYS[6], KEYS[7], KEYS[9], KEYS[10], KEYS[11] }) do
  if p.status == 'resolved' then
    redis.call('PEXPIRE', key, p.retentionMs)
  else
    redis.call('PERSIST', key)
  end
end
return 1
