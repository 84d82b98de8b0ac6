#!/usr/bin/env bash
# Seeds the `demo` tenant through the gateway's public API, as a new user would: a token for the
# platform's administrator, the tenant with its first administrator `admin` (409 when it exists
# already is fine; the tenant's administrator has the platform administrator's password unless
# GUICHET_DEMO_ADMIN_PASSWORD says otherwise), then, as that administrator, its reference data.
# Run by scripts/run.sh with GUICHET_GATEWAY_URL and GUICHET_ADMIN_PASSWORD; idempotent.
set -euo pipefail

gateway="${GUICHET_GATEWAY_URL:?GUICHET_GATEWAY_URL is not set}"
password="${GUICHET_ADMIN_PASSWORD:?GUICHET_ADMIN_PASSWORD is not set}"
demo_password="${GUICHET_DEMO_ADMIN_PASSWORD:-$password}"

# call METHOD PATH [JSON]: prints the body; fails unless the status is 2xx or 409.
call() {
    local method="$1" path="$2" body="${3:-}" response status
    local -a args=(-s -w '\n%{http_code}' -X "$method" -H "Authorization: Bearer $token" -H 'Accept-Language: en')
    if [[ -n "$body" ]]; then
        args+=(-H 'Content-Type: application/json' --data-binary "$body")
    fi
    response="$(curl "${args[@]}" -- "$gateway$path")"
    status="${response##*$'\n'}"
    if [[ "$status" != 2* && "$status" != 409 ]]; then
        echo "seed-demo: $method $path answered $status: ${response%$'\n'*}" >&2
        return 1
    fi
    printf '%s\n' "${response%$'\n'*}"
}

token="$(curl -s -X POST "$gateway/v1/auth/token" -d grant_type=password -d username=admin \
    --data-urlencode "password=$password" | jq -r '.access_token // empty')"
if [[ -z "$token" ]]; then
    echo "seed-demo: the administrator could not sign in (is GUICHET_ADMIN_PASSWORD the one of the first start?)" >&2
    exit 1
fi

call POST /v1/platform/tenants \
    "$(jq -n --arg password "$demo_password" '{slug: "demo", name: {fr: "Administration de démonstration", ar: "إدارة تجريبية", en: "Demonstration administration"}, timezone: "Africa/Casablanca", admin: {username: "admin", password: $password}}')" >/dev/null

token="$(curl -s -X POST "$gateway/v1/auth/token" -d grant_type=password -d tenant=demo -d username=admin \
    --data-urlencode "password=$demo_password" | jq -r '.access_token // empty')"
if [[ -z "$token" ]]; then
    echo "seed-demo: the demo tenant's administrator could not sign in (a demo made before tenants had administrators? remove .data and run again)" >&2
    exit 1
fi

# Reference data of each service, when the service offers it.
# Complaints: categories (deadlines, extra fields), zones of the territory (GeoJSON polygons, for
# routing and the map) and GeoReport's key is left to the administrators.
for category in \
    '{"code":"roads","name":{"fr":"Voirie","ar":"الطرق","en":"Roads"},"keywords":["route","trottoir","nid-de-poule"],"deadlines":{"acknowledgement":{"days":15},"answer":{"days":60},"alert":80}}' \
    '{"code":"schools","name":{"fr":"Établissements scolaires","ar":"المؤسسات التعليمية","en":"Schools"},"fields":[{"code":"school","type":"string","label":{"fr":"Établissement","ar":"المؤسسة","en":"School"},"required":true},{"code":"level","type":"single_choice","label":{"fr":"Cycle","ar":"السلك","en":"Level"},"choices":[{"key":"primary","label":{"fr":"Primaire","ar":"الابتدائي","en":"Primary"}},{"key":"middle","label":{"fr":"Collège","ar":"الإعدادي","en":"Middle school"}},{"key":"high","label":{"fr":"Lycée","ar":"الثانوي","en":"High school"}}]}]}' \
    '{"code":"reception","name":{"fr":"Accueil du public","ar":"استقبال المواطنين","en":"Public reception"},"deadlines":{"acknowledgement":{"days":5,"unit":"working"},"answer":{"days":30,"unit":"working"}}}'; do
    call POST /v1/demo/complaints/categories "$category" >/dev/null
done
for zone in \
    '{"code":"casablanca","name":{"fr":"Casablanca","ar":"الدار البيضاء","en":"Casablanca"},"kind":"prefecture","geometry":{"type":"Polygon","coordinates":[[[-7.75,33.45],[-7.40,33.45],[-7.40,33.68],[-7.75,33.68],[-7.75,33.45]]]}}' \
    '{"code":"rabat","name":{"fr":"Rabat","ar":"الرباط","en":"Rabat"},"kind":"prefecture","geometry":{"type":"Polygon","coordinates":[[[-6.95,33.90],[-6.75,33.90],[-6.75,34.07],[-6.95,34.07],[-6.95,33.90]]]}}'; do
    call POST /v1/demo/complaints/zones "$zone" >/dev/null
done
echo "seed-demo: tenant demo ready"

# --- appointments: one site, two services of different durations, two counters -------------------
# Configured by the tenant's administrator (the token above, once tenants have administrators);
# skipped, with a note, when the token may not configure appointments. Idempotent: nothing is made
# twice (the site is looked up by its French name).
appointments="/v1/demo/appointments"
settings_status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -- "$gateway$appointments/settings")"
if [[ "$settings_status" != 200 ]]; then
    echo "seed-demo: appointments not seeded: this token may not configure them (GET $appointments/settings answered $settings_status; the demo tenant's administrator is needed)" >&2
else
    site="$(call GET "$appointments/sites" | jq -r '.sites[] | select(.name.fr == "Agence Agdal") | .id' | head -n 1)"
    if [[ -z "$site" ]]; then
        weekdays='["08:30-12:30","14:00-16:30"]'
        hours="{\"monday\":$weekdays,\"tuesday\":$weekdays,\"wednesday\":$weekdays,\"thursday\":$weekdays,\"friday\":$weekdays}"
        # Until the notification outbox delivers one-time codes, the demo books without them.
        call PUT "$appointments/settings" '{"contact_verification":"optional"}' >/dev/null
        site="$(call POST "$appointments/sites" \
            "{\"name\":{\"fr\":\"Agence Agdal\",\"ar\":\"وكالة أكدال\",\"en\":\"Agdal office\"},\"address\":{\"fr\":\"1 avenue de France, Agdal, Rabat\",\"ar\":\"1 شارع فرنسا، أكدال، الرباط\",\"en\":\"1 avenue de France, Agdal, Rabat\"},\"location\":{\"latitude\":33.9956,\"longitude\":-6.8498},\"phone\":\"+212 5 37 00 00 00\",\"opening_hours\":{\"monday\":[\"08:00-17:00\"],\"tuesday\":[\"08:00-17:00\"],\"wednesday\":[\"08:00-17:00\"],\"thursday\":[\"08:00-17:00\"],\"friday\":[\"08:00-17:00\"]}}" \
            | jq -r .id)"
        call POST "$appointments/services" \
            "{\"name\":{\"fr\":\"Passeport\",\"ar\":\"جواز السفر\",\"en\":\"Passport\"},\"duration_minutes\":30,\"required_documents\":{\"fr\":\"Carte nationale, photo d'identité, timbre fiscal\",\"ar\":\"البطاقة الوطنية، صورة شخصية، تنبر\",\"en\":\"National ID card, ID photo, tax stamp\"},\"sites\":[\"$site\"],\"ticket_prefix\":\"P\"}" >/dev/null
        call POST "$appointments/services" \
            "{\"name\":{\"fr\":\"Carte nationale (CNIE)\",\"ar\":\"البطاقة الوطنية\",\"en\":\"National ID card\"},\"duration_minutes\":45,\"buffer_minutes\":5,\"required_documents\":{\"fr\":\"Extrait d'acte de naissance, justificatif de domicile\",\"ar\":\"نسخة من عقد الازدياد، شهادة السكنى\",\"en\":\"Birth certificate, proof of address\"},\"sites\":[\"$site\"],\"ticket_prefix\":\"C\"}" >/dev/null
        for label in "Guichet 1" "Guichet 2"; do
            call POST "$appointments/counters" "{\"site\":\"$site\",\"label\":\"$label\",\"schedule\":$hours}" >/dev/null
        done
    fi
    service="$(call GET "$appointments/services" | jq -r '.services[] | select(.name.fr == "Passeport") | .id' | head -n 1)"
    echo "seed-demo: appointments ready; free slots: curl -s '$gateway$appointments/availability?site=$site&service=$service&from=$(date +%F)&to=$(date -d '+7 days' +%F)'"
fi
