-- PATCH of the running job's title and description: only the fields given change.
-- KEYS: 1 job hash. ARGV: field/value pairs (title, description).
-- Returns 'ok' | 'not_found' | 'superseded' | 'inactive'.
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'not_found' end
if redis.call('HEXISTS', KEYS[1], 'supersededBy') == 1 then return 'superseded' end
if st ~= 'queued' and st ~= 'running' then return 'inactive' end
if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return 'ok'
