-- Takes or renews the webhook feed lease. KEYS: 1 lease key. ARGV: 1 node id, 2 lease (ms).
-- Returns 1 when this node holds it now.
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
  return 1
end
return 0
