-- goLive as one atomic step: supersede the user's active job (if any), create the new one and
-- make it current. Every key here is on the user's slot (the job ids carry the user's slot tag);
-- the caller indexes and queues the job (global keys) around this script.
-- KEYS: 1 current pointer, 2 new job hash
-- ARGV: 1 new job id, 2 now (ms), 3 job key prefix, 4.. field/value pairs of the new job
-- Returns {superseded id or '', its new status or ''}.
local newId, now, prefix = ARGV[1], ARGV[2], ARGV[3]
-- The key of a job, as RedisKeys.job builds it: the four characters after 'job_' are its tag.
local function jobKey(id)
  if string.len(id) >= 8 and string.sub(id, 1, 4) == 'job_' then
    local tag = string.sub(id, 5, 8)
    if not string.find(tag, '[{}]') then return prefix .. '{' .. tag .. '}' .. id end
  end
  return prefix .. id
end
local superseded, oldStatus = '', ''
local old = redis.call('GET', KEYS[1])
if old then
  local okey = jobKey(old)
  local st = redis.call('HGET', okey, 'status')
  if st == 'queued' or st == 'running' or st == 'stopping' then
    superseded = old
    if st == 'queued' and redis.call('HEXISTS', okey, 'worker') == 0 then
      -- No worker has it: nothing to close, so it is stopped at once.
      redis.call('HSET', okey, 'status', 'stopped', 'supersededBy', newId, 'endedAt', now)
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
return {superseded, oldStatus}
