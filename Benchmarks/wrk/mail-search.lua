-- Full-text search of the mail registry through the gateway, by a mail office agent:
--   wrk … -s mail-search.lua http://host:port -- /v1/<tenant>/mail/search <access token>
-- Each request searches one of the queries below at random (20 items a page, newest first). They
-- mix French and Arabic words as people type them (accents, ة, أ and all: the service normalises
-- them) and range from words most items share to rare pairs, in Benchmarks/mail/seed.sql's
-- vocabulary.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "report.lua")

local queries = {
    "permis رخصة",                 -- the commonest topic, in both languages
    "facture الماء",               -- common
    "éclairage الإنارة",           -- a rarer topic
    "légalisation الإمضاء casablanca", -- rarer still, one city
    "alaoui الرباط",               -- a family name and a city: a few hundred items
    "طلب bennani",                 -- a common word and a family name
    "association جمعية subvention",
    "commission اللجنة التقنية 2024",  -- words and a year
}
local path, headers, encoded = nil, {}, {}

local function encode(text)
    return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
    seed_thread()
    path = args[1] or error("mail-search.lua: the path is missing (-- /v1/<tenant>/mail/search <token>)")
    headers["Authorization"] = "Bearer " .. (args[2] or error("mail-search.lua: the access token is missing"))
    for i, query in ipairs(queries) do encoded[i] = encode(query) end
end

function request()
    return wrk.format("GET", path .. "?limit=20&q=" .. encoded[math.random(1, #encoded)], headers)
end
