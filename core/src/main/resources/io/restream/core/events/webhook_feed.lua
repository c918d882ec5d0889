-- Feeds a user's job or connection change to the webhook feeder, only for clients with webhooks.
-- KEYS: 1 clients-with-webhooks set, 2 feed stream. ARGV: 1 client id, 2 user id, 3 the event JSON.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', 'cid', ARGV[1], 'uid', ARGV[2], 'event', ARGV[3])
return 1
