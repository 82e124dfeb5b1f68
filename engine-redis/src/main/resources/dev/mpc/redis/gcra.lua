-- MPC QuotaStore: one GCRA step over one key, atomically (dev.mpc.governance.QuotaStore.gcra).
-- KEYS[1]  the (tenant, metric) key; its value is the theoretical arrival time (TAT)
-- ARGV[1]  now                  } every time and duration is a Java long x, carried as the
-- ARGV[2]  interval * amount    } decimal string of the unsigned 64-bit x ^ Long.MIN_VALUE
-- ARGV[3]  burst window         } (so signed order is unsigned order, and nothing is negative)
-- ARGV[4]  expiry of an updated key, milliseconds
-- Returns {1, remainingNumerator} when consumed, {0, remainingNumerator, retryAfter} when not,
-- both in the same encoding; Java divides by the interval. A rejection writes nothing.
--
-- Lua numbers are doubles, exact only below 2^53, so a value is split into its decimal seconds
-- part (all but the last 9 digits) and nanoseconds part (the last 9 digits), each exact, and
-- Java's long arithmetic (wrapping modulo 2^64) is done on those pairs: every result is exact.
local E9 = 1000000000
local M = {18446744073, 709551616} -- 2^64
local H = {9223372036, 854775808} -- 2^63, the encoding of 0

local function parse(str)
  if type(str) ~= 'string' or #str < 1 or #str > 20 or not string.match(str, '^%d+$') then
    return nil
  end
  local s = 0
  if #str > 9 then
    s = tonumber(string.sub(str, 1, -10))
  end
  local x = {s, tonumber(string.sub(str, -9))}
  if x[1] > M[1] or (x[1] == M[1] and x[2] >= M[2]) then
    return nil
  end
  return x
end

local function cmp(a, b)
  if a[1] ~= b[1] then
    return a[1] < b[1] and -1 or 1
  end
  if a[2] ~= b[2] then
    return a[2] < b[2] and -1 or 1
  end
  return 0
end

local function norm(s, n)
  if n >= E9 then
    n = n - E9
    s = s + 1
  elseif n < 0 then
    n = n + E9
    s = s - 1
  end
  if s < 0 then -- below 0: add 2^64
    s, n = s + M[1], n + M[2]
    if n >= E9 then
      n = n - E9
      s = s + 1
    end
  elseif s > M[1] or (s == M[1] and n >= M[2]) then -- 2^64 or more: subtract 2^64
    s, n = s - M[1], n - M[2]
    if n < 0 then
      n = n + E9
      s = s - 1
    end
  end
  return {s, n}
end

-- Java's a + b and a - b on encoded values
local function add(a, b)
  return norm(a[1] + b[1] - H[1], a[2] + b[2] - H[2])
end
local function sub(a, b)
  return norm(a[1] - b[1] + H[1], a[2] - b[2] + H[2])
end

local function fmt(x)
  if x[1] == 0 then
    return string.format('%.0f', x[2])
  end
  return string.format('%.0f', x[1]) .. string.format('%09.0f', x[2])
end

local now, ia, bw = parse(ARGV[1]), parse(ARGV[2]), parse(ARGV[3])
if not now or not ia or not bw then
  return redis.error_reply('ERR mpc quota script: malformed arguments')
end
local tat = {0, 0} -- Long.MIN_VALUE, a fresh key
local stored = redis.call('GET', KEYS[1])
if stored then
  tat = parse(stored)
  if not tat then
    return redis.error_reply('ERR mpc quota script: ' .. KEYS[1] .. ' holds no quota state')
  end
end
local base = now
if cmp(tat, now) > 0 then
  base = tat
end
local nxt = add(base, ia)
local ahead = sub(nxt, now)
if cmp(ahead, bw) > 0 then
  return {0, fmt(sub(bw, sub(base, now))), fmt(sub(ahead, bw))}
end
redis.call('SET', KEYS[1], fmt(nxt), 'PX', ARGV[4])
return {1, fmt(sub(bw, ahead))}
