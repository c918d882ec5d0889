-- Claims due webhook deliveries for one API node: each is pushed out by the lease time, so no
-- other node takes the same attempt; if this node dies, it comes due again after the lease.
-- KEYS: 1 due zset. ARGV: 1 now (ms), 2 lease (ms), 3 at most how many.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local until_ms = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, id in ipairs(due) do
  redis.call('ZADD', KEYS[1], until_ms, id)
end
return due
