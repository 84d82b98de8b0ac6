-- Mail registrations through the gateway, by the mail office's agents:
--   wrk … -s mail-register.lua http://host:port -- <tenants file>
-- The tenants file has one line per tenant: `<slug> <access token> <correspondent id>` (a
-- registrar's bearer token and a contact of the tenant's directory). Each request registers an
-- incoming letter for one of the tenants, taken in turn (each thread starts at its own tenant),
-- with a subject of its own; with one line, every registration takes a number from one counter.
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "report.lua")

local tenants, next_tenant, thread, counter = {}, 0, 0, 0
local subjects = {
    "Demande de permis de construire", "Réclamation relative à la facture d'eau", "طلب شهادة إدارية",
    "Demande de raccordement au réseau d'électricité - طلب الربط بشبكة الكهرباء", "Plainte contre le bruit nocturne",
}

function init(args)
    thread = seed_thread()
    local file = args[1] or error("mail-register.lua: the tenants file is missing")
    for line in io.lines(file) do
        local slug, token, correspondent = line:match("^(%S+) (%S+) (%S+)$")
        if slug then
            tenants[#tenants + 1] = {
                path = "/v1/" .. slug .. "/mail/items",
                headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token },
                correspondent = correspondent,
            }
        end
    end
    if #tenants == 0 then error("mail-register.lua: no tenant in " .. file) end
    next_tenant = thread % #tenants
end

function request()
    counter = counter + 1
    next_tenant = next_tenant % #tenants + 1
    local tenant = tenants[next_tenant]
    local body = string.format(
        '{"direction":"incoming","subject":"%s, dossier %d-%d","correspondent":{"id":"%s"},"document_type":"demande","medium":"paper"}',
        subjects[counter % #subjects + 1], thread, counter, tenant.correspondent)
    return wrk.format("POST", tenant.path, tenant.headers, body)
end
