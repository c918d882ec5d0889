-- A worker takes a job: only an active job, and only when no other live worker holds its lease.
-- KEYS: 1 job hash, 2 lease key. ARGV: 1 worker id, 2 lease ms.
-- Returns the job's status when claimed, or 'missing' (no such job), 'gone' (not active) or
-- 'taken' (leased to another).
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'missing' end
if (st ~= 'queued' and st ~= 'running' and st ~= 'stopping') then return 'gone' end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 'taken' end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
redis.call('HSET', KEYS[1], 'worker', ARGV[1])
return st
