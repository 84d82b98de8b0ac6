-- Complaint submissions through the gateway:
--   wrk … -s submit.lua http://host:port -- /v1/<tenant>/complaints <category>
-- POSTs a complaint whose subject and description change on every request.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "report.lua")

local path, category, thread, counter = nil, nil, 0, 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
    thread = seed_thread()
    path = args[1] or error("submit.lua: the path is missing (-- /v1/<tenant>/complaints <category>)")
    category = args[2] or "roads"
end

function request()
    counter = counter + 1
    local reference = thread .. "-" .. counter .. "-" .. math.random(1, 1000000)
    local body = '{"category":"' .. category .. '","subject":"Nid-de-poule ' .. reference ..
        '","description":"Un trou profond sur la chaussee devant l ecole, signalement ' .. reference ..
        '.","language":"fr"}'
    return wrk.format("POST", path, headers, body)
end
