-- GET the URL given to wrk, as is (plaintext, JSON); only adds the report of report.lua.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "report.lua")

function init(args)
    seed_thread()
end
