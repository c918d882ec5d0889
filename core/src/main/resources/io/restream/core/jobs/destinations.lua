-- PATCH of the running job's destinations as one atomic step: remove, then add (keeping the job's
-- order, appending what is new), written back in goLive's encoding (a JSON array of ids).
-- KEYS: 1 job hash. ARGV: 1 how many ids to add, 2.. the ids to add, then the ids to remove.
-- Ids are checked by the caller ([a-z0-9:-] only), so they need no JSON escaping.
-- Returns 'ok' (changed) | 'same' (nothing to do) | 'empty' (would remove every destination) |
-- 'not_found' | 'superseded' | 'inactive'.
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'not_found' end
if redis.call('HEXISTS', KEYS[1], 'supersededBy') == 1 then return 'superseded' end
if st ~= 'queued' and st ~= 'running' then return 'inactive' end
local stored = redis.call('HGET', KEYS[1], 'destinations') or '[]'
local n = tonumber(ARGV[1])
local removed = {}
for i = 2 + n, #ARGV do removed[ARGV[i]] = true end
local out, seen = {}, {}
for _, d in ipairs(cjson.decode(stored)) do
  if not removed[d] and not seen[d] then
    out[#out + 1] = d
    seen[d] = true
  end
end
for i = 2, 1 + n do
  local d = ARGV[i]
  if not seen[d] then
    out[#out + 1] = d
    seen[d] = true
  end
end
if #out == 0 then return 'empty' end
local encoded = '["' .. table.concat(out, '","') .. '"]'
if encoded == stored then return 'same' end
redis.call('HSET', KEYS[1], 'destinations', encoded)
return 'ok'
