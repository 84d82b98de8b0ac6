-- Tracking-code reads at random among the codes of a file (one per line):
--   wrk … -s track.lua http://host:port -- /v1/<tenant>/complaints/ <codes file> [context token] [bearer token]
-- With a context token, every request carries `X-Guichet-Context: <value>` (calls straight to the
-- complaints service, as the gateway makes them); with a bearer token, `Authorization: Bearer
-- <value>` (a signed-in caller through the gateway).
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "report.lua")

local prefix, codes, headers = nil, {}, {}

function init(args)
    seed_thread()
    prefix = args[1] or error("track.lua: the path prefix is missing (-- /v1/<tenant>/complaints/ <codes file>)")
    local file = io.open(args[2] or "", "r") or error("track.lua: cannot open the codes file '" .. tostring(args[2]) .. "'")
    for line in file:lines() do
        if #line > 0 then codes[#codes + 1] = line end
    end
    file:close()
    if #codes == 0 then error("track.lua: no code in " .. args[2]) end
    if args[3] and #args[3] > 0 then headers["X-Guichet-Context"] = args[3] end
    if args[4] and #args[4] > 0 then headers["Authorization"] = "Bearer " .. args[4] end
end

function request()
    return wrk.format("GET", prefix .. codes[math.random(1, #codes)], headers)
end
