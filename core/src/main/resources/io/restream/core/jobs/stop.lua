-- A user's stop. KEYS: 1 job hash. ARGV: 1 job id, 2 now (ms). The caller drops a 'stopped' job
-- from the active index.
-- Returns not_found | superseded | finished | stopping | stopped.
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return 'not_found' end
if redis.call('HEXISTS', KEYS[1], 'supersededBy') == 1 then return 'superseded' end
if st == 'stopped' or st == 'failed' or st == 'ended' then return 'finished' end
if st == 'stopping' then return 'stopping' end
if st == 'queued' and redis.call('HEXISTS', KEYS[1], 'worker') == 0 then
  redis.call('HSET', KEYS[1], 'status', 'stopped', 'endedAt', ARGV[2])
  return 'stopped'
end
redis.call('HSET', KEYS[1], 'status', 'stopping')
return 'stopping'
