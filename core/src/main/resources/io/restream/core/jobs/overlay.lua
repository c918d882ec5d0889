-- PATCH of the running job's overlay: only while the job is queued or running.
-- KEYS: 1 job hash. ARGV: 1 overlay JSON (already merged by the caller with the stored one),
-- 2 the stored overlay JSON the caller merged with ('' when none). The compare makes two
-- concurrent PATCHes safe: the loser retries.
-- Returns 'ok' | 'inactive' | 'not_found' | 'superseded' | 'conflict'.
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'not_found' end
if redis.call('HEXISTS', KEYS[1], 'supersededBy') == 1 then return 'superseded' end
if st ~= 'queued' and st ~= 'running' then return 'inactive' end
local cur = redis.call('HGET', KEYS[1], 'overlay') or ''
if cur ~= ARGV[2] then return 'conflict' end
redis.call('HSET', KEYS[1], 'overlay', ARGV[1])
return 'ok'
