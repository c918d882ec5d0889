-- Renews (ARGV[2] > 0) or releases (ARGV[2] = 0) a chat lease, only for its holder.
-- KEYS[1] lease, ARGV[1] holder id, ARGV[2] lease ms
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
else
  redis.call('DEL', KEYS[1])
end
return 1
