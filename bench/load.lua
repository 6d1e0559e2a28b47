-- The mixed workload of bench/load.sh (issue 8 §4), one wrk Lua state per
-- thread. Per request, at random: 55 % GET /api/v1/plans/{id} (a whole plan
-- tree as JSON), 20 % GET /mal/{id} (a goal page: målkedjan, outcomes, trend
-- charts), 10 % GET /api/v1/goals/{id}, 15 % PUT an outcome (a new value for
-- an indicator in LOAD_PERIOD). Every request carries the API key. The ids
-- come from load.sh in the environment (LOAD_PLANS, LOAD_GOALS,
-- LOAD_INDICATORS: space-separated). Any answer that is not 2xx is an
-- error; done() prints the counts per kind and the first bad statuses.

local function ids(name)
  local t = {}
  for v in string.gmatch(os.getenv(name) or "", "%d+") do t[#t + 1] = v end
  assert(#t > 0, name .. " is empty")
  return t
end

local plans, goals, inds = ids("LOAD_PLANS"), ids("LOAD_GOALS"), ids("LOAD_INDICATORS")
local period = os.getenv("LOAD_PERIOD") or "2021-T1"
local auth = "Bearer " .. (os.getenv("LOAD_TOKEN") or "")
local threads = {}
-- globals, so that done() can read them from every thread with thread:get
errors, bad, seq = 0, "", 0
c_plan, c_page, c_goal, c_put = 0, 0, 0, 0

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() + (id or 0) * 7919)
end

local function pick(t) return t[math.random(#t)] end

function request()
  local r = math.random(100)
  local h = { ["Authorization"] = auth }
  if r <= 55 then
    c_plan = c_plan + 1
    return wrk.format("GET", "/api/v1/plans/" .. pick(plans), h)
  elseif r <= 75 then
    c_page = c_page + 1
    return wrk.format("GET", "/mal/" .. pick(goals), h)
  elseif r <= 85 then
    c_goal = c_goal + 1
    return wrk.format("GET", "/api/v1/goals/" .. pick(goals), h)
  end
  c_put = c_put + 1
  seq = seq + 1
  h["Content-Type"] = "application/json"
  local body = string.format('{"value":"%d","comment":"last %d-%d"}', math.random(0, 100000), id or 0, seq)
  return wrk.format("PUT", "/api/v1/indicators/" .. pick(inds) .. "/outcomes/" .. period, h, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    errors = errors + 1
    if #bad < 200 then bad = bad .. status .. " " end
  end
end

function done(summary, latency, requests)
  local errs, first, k = 0, "", { 0, 0, 0, 0 }
  for _, t in ipairs(threads) do
    errs = errs + (t:get("errors") or 0)
    first = first .. (t:get("bad") or "")
    k[1], k[2] = k[1] + t:get("c_plan"), k[2] + t:get("c_page")
    k[3], k[4] = k[3] + t:get("c_goal"), k[4] + t:get("c_put")
  end
  io.write(string.format("load.lua: byggda begäranden: plan-JSON %d, målsida %d, mål-JSON %d, " ..
                         "PUT utfall %d\n", k[1], k[2], k[3], k[4]))
  io.write(string.format("load.lua: svar som inte är 2xx: %d %s\n", errs, first))
end
