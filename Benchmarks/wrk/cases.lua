-- An agent's work: their filtered list, or the map of their city, straight to the complaints service
-- with an agent's context token:
--   wrk … -s cases.lua http://host:port -- list /v1/<tenant>/complaints <units, comma-separated> <context token>
--   wrk … -s cases.lua http://host:port -- map /v1/<tenant>/complaints <units, comma-separated> <context token>
-- `list`: the open complaints of a random unit, 50 a page, newest first. `map`: the open complaints
-- in a city-sized view (0.12° × 0.07°, zoom 13) around one of the seeded cities, clustered.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "report.lua")

local mode, base, units, headers = nil, nil, {}, {}
local open = "received,acknowledged,assigned,in_progress,reopened"
local cities = { { 33.57, -7.59 }, { 34.02, -6.84 }, { 31.63, -7.99 }, { 34.03, -5.00 }, { 35.76, -5.83 } }

function init(args)
    seed_thread()
    mode = args[1] or error("cases.lua: list or map")
    base = args[2] or error("cases.lua: the path prefix is missing")
    for unit in string.gmatch(args[3] or "", "[^,]+") do units[#units + 1] = unit end
    if #units == 0 then error("cases.lua: no unit") end
    headers["X-Guichet-Context"] = args[4] or error("cases.lua: the context token is missing")
end

function request()
    if mode == "list" then
        return wrk.format("GET", base .. "/cases?status=" .. open .. "&limit=50&unit=" .. units[math.random(1, #units)], headers)
    end
    local city = cities[math.random(1, #cities)]
    local lat = city[1] + (math.random() - 0.5) * 0.05
    local lon = city[2] + (math.random() - 0.5) * 0.05
    local bbox = string.format("%.4f,%.4f,%.4f,%.4f", lon - 0.06, lat - 0.035, lon + 0.06, lat + 0.035)
    return wrk.format("GET", base .. "/map?zoom=13&status=" .. open .. "&bbox=" .. bbox, headers)
end
