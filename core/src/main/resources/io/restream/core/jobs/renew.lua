-- Renews (ARGV 2 = lease ms) or, with ARGV 2 = 0, releases a lease, only if ARGV 1 holds it.
-- KEYS: 1 lease key. Returns 1 when the caller holds the lease, else 0.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '0' then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
