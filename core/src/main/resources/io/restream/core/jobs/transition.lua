-- Moves a job to a new status only from an allowed one, so that a late writer (a worker reporting
-- "running") never undoes a stop. KEYS: 1 job hash (the caller drops finished jobs from the
-- active index).
-- ARGV: 1 job id, 2 new status, 3 allowed current statuses (comma separated), 4.. field/value pairs.
-- Returns {1, new status} when changed, {0, current status} when not ({0, ''} when absent).
local st = redis.call('HGET', KEYS[1], 'status')
if not st then return {0, ''} end
local allowed = false
for s in string.gmatch(ARGV[3], '[^,]+') do
  if s == st then allowed = true end
end
if not allowed then return {0, st} end
redis.call('HSET', KEYS[1], 'status', ARGV[2])
if #ARGV > 3 then redis.call('HSET', KEYS[1], unpack(ARGV, 4)) end
return {1, ARGV[2]}
