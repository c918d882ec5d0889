-- Renews (ARGV 2 = lease ms) or, with ARGV 2 = 0, releases a lease, only if ARGV 1 holds it.
-- A renewal also takes the lease back when it has expired and nobody else took it (the worker
-- kept running the job while Redis was unreachable or failing over): the job stays with the worker
-- that runs it. A release leaves the marker ARGV 3 for ARGV 4 ms instead of nothing, so that other
-- workers take a handed-back job at once (a lease merely missing may be one its holder is about to
-- take back) and a late renewal of the old holder cannot take it back.
-- KEYS: 1 lease key. Returns 1 when the caller holds (or held and released) the lease, else 0.
local holder = redis.call('GET', KEYS[1])
if not holder and ARGV[2] ~= '0' then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if holder ~= ARGV[1] then return 0 end
if ARGV[2] == '0' then redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4]) else redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
