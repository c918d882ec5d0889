-- goLive as one atomic step: supersede the user's active job (if any), create the new one,
-- make it current and queue it.
-- KEYS: 1 current pointer, 2 new job hash, 3 job queue stream, 4 all-jobs zset, 5 active set
-- ARGV: 1 new job id, 2 now (ms), 3 old-job key prefix, 4.. field/value pairs of the new job
local newId, now, prefix = ARGV[1], ARGV[2], ARGV[3]
local superseded, oldStatus = '', ''
local old = redis.call('GET', KEYS[1])
if old then
  local okey = prefix .. old
  local st = redis.call('HGET', okey, 'status')
  if st == 'queued' or st == 'running' or st == 'stopping' then
    superseded = old
    if st == 'queued' and redis.call('HEXISTS', okey, 'worker') == 0 then
      -- No worker has it: nothing to close, so it is stopped at once.
      redis.call('HSET', okey, 'status', 'stopped', 'supersededBy', newId, 'endedAt', now)
      redis.call('SREM', KEYS[5], old)
      oldStatus = 'stopped'
    else
      if redis.call('HEXISTS', okey, 'supersededBy') == 0 then
        redis.call('HSET', okey, 'supersededBy', newId)
      end
      redis.call('HSET', okey, 'status', 'stopping')
      oldStatus = 'stopping'
    end
  end
end
redis.call('HSET', KEYS[2], unpack(ARGV, 4))
if superseded ~= '' and oldStatus == 'stopping' then
  -- The new job must not open a destination before this one has closed its pushes.
  redis.call('HSET', KEYS[2], 'supersedes', superseded)
end
redis.call('SET', KEYS[1], newId)
redis.call('ZADD', KEYS[4], now, newId)
redis.call('SADD', KEYS[5], newId)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', '10000', '*', 'job', newId)
return {superseded, oldStatus}
