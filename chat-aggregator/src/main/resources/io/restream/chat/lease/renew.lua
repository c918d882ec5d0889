-- Renews (ARGV[2] > 0) or releases (ARGV[2] = 0) a chat lease, only for its holder.
-- KEYS[1] lease, ARGV[1] holder id, ARGV[2] lease ms. Returns 1 when the caller holds the lease.
-- A renewal that finds the lease gone takes it back: it lapsed while Redis was unreachable (the
-- holder kept reading), and nobody else took it meanwhile, so the holder keeps it rather than
-- dropping the chat and letting another instance race for it. Taken by another: 0, and the
-- holder stops reading.
local cur = redis.call('GET', KEYS[1])
if tonumber(ARGV[2]) > 0 and not cur then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if cur ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
else
  redis.call('DEL', KEYS[1])
end
return 1
