-- Primary-key reads of the kit server at random ids:
--   wrk … -s items.lua http://host:port -- /v1/bench-01/items/ 100000
-- GETs <prefix><id> with id uniform in 1…<count>.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "report.lua")

local prefix, count

function init(args)
    seed_thread()
    prefix = args[1] or error("items.lua: the path prefix is missing (-- /v1/<tenant>/items/ <count>)")
    count = tonumber(args[2]) or error("items.lua: the id count is missing")
end

function request()
    return wrk.format("GET", prefix .. math.random(1, count))
end
