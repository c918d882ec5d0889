-- A worker takes a job: only an active job, and only when no other live worker holds its lease
-- (a lease released by its holder, value ARGV 3, is free).
-- KEYS: 1 job hash, 2 lease key. ARGV: 1 worker id, 2 lease ms, 3 the released marker.
-- Returns the job's status when claimed, or 'missing' (no such job), 'gone' (not active) or
-- 'taken' (leased to another).
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'missing' end
if (st ~= 'queued' and st ~= 'running' and st ~= 'stopping') then return 'gone' end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] and holder ~= ARGV[3] then return 'taken' end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
redis.call('HSET', KEYS[1], 'worker', ARGV[1])
return st
