-- Complaint submissions with a location (routed by zone) through the gateway:
--   wrk … -s submit-located.lua http://host:port -- /v1/<tenant>/complaints <category>
-- POSTs a complaint at a random point of a box around Casablanca, its text changing every time.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "report.lua")

local path, category, thread, counter = nil, nil, 0, 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
    thread = seed_thread()
    path = args[1] or error("submit-located.lua: the path is missing (-- /v1/<tenant>/complaints <category>)")
    category = args[2] or "roads"
end

function request()
    counter = counter + 1
    local reference = thread .. "-" .. counter .. "-" .. math.random(1, 1000000)
    local lat = 33.5 + math.random() * 0.15
    local lon = -7.7 + math.random() * 0.2
    local body = string.format('{"category":"%s","subject":"Nid-de-poule %s","description":"Un trou profond sur la chaussee ' ..
        'devant l ecole, signalement %s.","location":{"lat":%.6f,"lon":%.6f},"language":"fr"}', category, reference, reference, lat, lon)
    return wrk.format("POST", path, headers, body)
end
