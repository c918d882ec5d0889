-- Stores a comment once: dedupe, append to the chat log, publish to SSE subscribers, atomically,
-- so that log order, publish order and SSE ids all agree.
-- KEYS[1] seen (zset: comment id -> first seen ms), KEYS[2] chat log (stream)
-- ARGV[1] comment id, ARGV[2] comment JSON, ARGV[3] now ms, ARGV[4] dedupe window ms,
-- ARGV[5] log MAXLEN (approximate), ARGV[6] events channel, ARGV[7] most ids kept in seen
if redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1]) == 0 then
  return false
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[3]) - tonumber(ARGV[4]))
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1 - tonumber(ARGV[7]))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'c', ARGV[2])
redis.call('PUBLISH', ARGV[6], '{"type":"comment","id":"' .. id .. '","data":' .. ARGV[2] .. '}')
return id
