#!/usr/bin/env bash
# `make bench`: the benchmarks of issues 2 and 3, on a fresh database every run.
#
#  1. installs what is missing, builds in release mode, starts a throwaway PostgreSQL under
#     .bench/pg on a free port, with normal durability (never GUICHET_PG_FAST);
#  2. the kit: kit-bench-server (Benchmarks/KitServer, one process, one event loop per core) makes
#     20 tenants and 100,000 rows for one of them at start; wrk measures GET /plaintext, GET /json
#     and a primary-key read through the pool; pgbench runs the same read as the runtime role, with
#     the tenant set, in the same transaction the pool sends (Benchmarks/pgbench/pk-read.sql);
#  3. the stack: complaints and gateway (release binaries); a tenant `bench` onboarded through the
#     API, a category, then wrk on complaint submission and tracking through the gateway, the same
#     tracking straight to the complaints service with a context token (the gateway hop), and
#     pgbench on the service's single-row insert;
#  4. appointments: the service and a gateway; a tenant with one site, one 15-minute service and
#     10 counters, a third of 30 days' slots booked; wrk on 30 days of availability through the
#     gateway, then on bookings of 100 slots at once (contention), and the invariant checked after
#     the run: no two live bookings of a counter overlap;
#  5. mail: the service and a gateway; 20 tenants onboarded through the API, each with a document
#     type, a registrar agent made by its administrator and a correspondent; BENCH_MAIL_ITEMS items
#     seeded in the first (Benchmarks/mail/seed.sql) and wrk on a full-text search mixing French and
#     Arabic through the gateway; then registrations through the gateway on one tenant's counter and
#     on the 20 tenants' at once, pgbench on the registering transaction's statements
#     (Benchmarks/pgbench/mail-register.sql) for both, and the counters checked gapless after;
#  6. prints a table of figures and targets, and writes .bench/results.json and .bench/results.md.
#
# It exits 0 when every figure was measured, whether or not the targets were met (they are reported,
# never asserted), and non-zero when something could not run. It stops every process it started
# (by pid) and the PostgreSQL it started, whatever happens. Logs: .bench/logs/.
#
# Environment:
#   BENCH_DURATION     seconds of each measured run (default 10)
#   BENCH_WARMUP       seconds of the warm-up before each measured run (default 3; 0: none)
#   BENCH_CONNECTIONS  wrk connections and pgbench clients (default 32)
#   BENCH_THREADS      wrk and pgbench threads (default 2)
#   BENCH_PARTS        what to run: kit, stack, appointments, mail, or a list (default kit,stack,appointments,mail)
#   BENCH_TRACK_CODES  complaints created for the tracking runs (default 1000)
#   BENCH_COMPLAINTS   complaints seeded in the bench tenant for the agents' list and map runs
#                      (default 1000000; 0 skips the complaints-at-scale part)
#   BENCH_OTHER_COMPLAINTS  complaints seeded in each of the 19 other tenants (default 10000)
#   BENCH_MAIL_ITEMS   mail items seeded in the mail part's first tenant for the search run
#                      (default 1000000; 0 skips the search)
#   BENCH_LOG_LEVEL    GUICHET_LOG_LEVEL of the executables (default info: one log line per request,
#                      as in production)
#   BENCH_EVENT_LOOPS  GUICHET_EVENT_LOOPS of the stack's executables (default 1: the gateway, the
#                      service, PostgreSQL and wrk share 2 cores here; one loop each switches less)
#   BENCH_POOL_SIZE    DATABASE_POOL_SIZE of the stack's service (default: BENCH_CONNECTIONS, the
#                      concurrency pgbench gets, so both commit the same number of transactions at once)
#   GUICHET_BIN_DIR    run the executables found there instead of building
#   GUICHET_SKIP_DEPS  1 skips the package check
#   PG_BINDIR          PostgreSQL's programs (default /usr/lib/postgresql/15/bin)
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$GUICHET_ROOT"

DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
PARTS="${BENCH_PARTS:-kit,stack,appointments,mail}"
TRACK_CODES="${BENCH_TRACK_CODES:-1000}"
SCALE_COMPLAINTS="${BENCH_COMPLAINTS:-1000000}"
SCALE_OTHER_COMPLAINTS="${BENCH_OTHER_COMPLAINTS:-10000}"
MAIL_ITEMS="${BENCH_MAIL_ITEMS:-1000000}"
SCALE_TENANTS=20
SCALE_UNITS=50
LOG_LEVEL="${BENCH_LOG_LEVEL:-info}"
STACK_LOOPS="${BENCH_EVENT_LOOPS:-1}"
PG_BINDIR="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
PGBENCH="$PG_BINDIR/pgbench"
READY_TIMEOUT=120
STOP_GRACE=20
HOST=127.0.0.1
KIT_TENANTS=20
KIT_ITEMS=100000
KIT_OTHER_ITEMS=1000
BENCH_TENANT=bench

OUT="$GUICHET_ROOT/.bench"
LOG_DIR="$OUT/logs"
PG_DIR="$OUT/pg"
KEYS_DIR="$OUT/keys"
# The platform administrator's password, one for the whole run: every part's gateway uses the one
# database, where the first gateway to start creates the account.
ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
LUA_DIR="$GUICHET_ROOT/Benchmarks/wrk"
SQL_DIR="$GUICHET_ROOT/Benchmarks/pgbench"

check_count() {
    local name="$1" value="$2" minimum="$3"
    if ! [[ "$value" =~ ^[0-9]{1,6}$ ]] || ((10#$value < minimum)); then
        die "$name must be a whole number ≥ $minimum, got '$value'"
    fi
}
check_count BENCH_DURATION "$DURATION" 1
check_count BENCH_WARMUP "$WARMUP" 0
check_count BENCH_CONNECTIONS "$CONNECTIONS" 1
check_count BENCH_THREADS "$THREADS" 1
check_count BENCH_TRACK_CODES "$TRACK_CODES" 1
[[ "$SCALE_COMPLAINTS" =~ ^[0-9]{1,8}$ ]] || die "BENCH_COMPLAINTS must be a whole number, got '$SCALE_COMPLAINTS'"
check_count BENCH_OTHER_COMPLAINTS "$SCALE_OTHER_COMPLAINTS" 1
[[ "$MAIL_ITEMS" =~ ^[0-9]{1,8}$ ]] || die "BENCH_MAIL_ITEMS must be a whole number, got '$MAIL_ITEMS'"
((CONNECTIONS >= THREADS)) || die "BENCH_CONNECTIONS ($CONNECTIONS) must be at least BENCH_THREADS ($THREADS)"
run_kit=0
run_stack=0
run_appointments=0
run_mail=0
IFS=',' read -r -a requested_parts <<<"$PARTS"
for part in "${requested_parts[@]}"; do
    case "$part" in
        kit) run_kit=1 ;;
        stack) run_stack=1 ;;
        appointments) run_appointments=1 ;;
        mail) run_mail=1 ;;
        *) die "BENCH_PARTS lists 'kit', 'stack', 'appointments' and/or 'mail', got '$PARTS'" ;;
    esac
done

# --- processes: started here, stopped here, by pid -----------------------------------------------
pids=()
pid_names=()
started_pg=0
work_tmp=""

# stop_pid PID NAME: SIGTERM, then SIGKILL after STOP_GRACE seconds; reaps it.
stop_pid() {
    local pid="$1" name="$2" i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < STOP_GRACE * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        info "$name (pid $pid) did not stop within ${STOP_GRACE}s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# Called by the EXIT trap only (shellcheck cannot see that and calls the body unreachable).
# shellcheck disable=SC2317
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        stop_pid "${pids[$i]}" "${pid_names[$i]}"
    done
    if ((started_pg)); then
        "$GUICHET_ROOT/scripts/pg.sh" stop "$PG_DIR" || info "could not stop the PostgreSQL in $PG_DIR"
    fi
    if [[ -n "$work_tmp" ]]; then
        rm -rf -- "$work_tmp"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# show_log FILE: its last lines, indented, on stderr.
show_log() {
    if [[ -s "$1" ]]; then
        echo "---- last lines of $1 ----" >&2
        tail -n 30 -- "$1" | sed 's/^/  /' >&2
        echo "----" >&2
    fi
}

# start_server NAME PORT BINARY [VAR=VALUE...]: starts BINARY in its own session with the database
# settings, GUICHET_PORT=PORT and the extra variables; logs to .bench/logs/NAME.log. Sets started_pid.
start_server() {
    local name="$1" port="$2" binary="$3"
    shift 3
    [[ -x "$binary" ]] || die "no executable $binary"
    env -u DATABASE_ADMIN_URL GUICHET_HOST="$HOST" GUICHET_PORT="$port" GUICHET_LOG_LEVEL="$LOG_LEVEL" \
        DATABASE_URL="$DATABASE_URL" DATABASE_OWNER_URL="$DATABASE_OWNER_URL" "$@" \
        setsid "$binary" </dev/null >"$LOG_DIR/$name.log" 2>&1 &
    started_pid=$!
    pids+=("$started_pid")
    pid_names+=("$name")
}

# stop_server PID: stops one server started by start_server and forgets it.
stop_server() {
    local pid="$1" i
    for i in "${!pids[@]}"; do
        if [[ "${pids[$i]}" == "$pid" ]]; then
            stop_pid "$pid" "${pid_names[$i]}"
            unset 'pids[i]' 'pid_names[i]'
            pids=("${pids[@]}")
            pid_names=("${pid_names[@]}")
            return 0
        fi
    done
}

# wait_answer NAME PID URL: waits until URL answers 200 while PID lives.
wait_answer() {
    local name="$1" pid="$2" url="$3" code deadline=$((SECONDS + READY_TIMEOUT))
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            show_log "$LOG_DIR/$name.log"
            die "$name exited before it answered $url"
        fi
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -- "$url" 2>/dev/null || true)"
        [[ "$code" == 200 ]] && return 0
        if ((SECONDS >= deadline)); then
            show_log "$LOG_DIR/$name.log"
            die "$name did not answer 200 on $url within ${READY_TIMEOUT}s (last: ${code:-none})"
        fi
        sleep 0.2
    done
}

# require_alive NAME PID: dies when the server exited (a crash under load is a failure to run).
require_alive() {
    if ! kill -0 "$2" 2>/dev/null; then
        show_log "$LOG_DIR/$1.log"
        die "$1 (pid $2) is no longer running"
    fi
}

# rss_mb PID: the resident set size of PID in MB (VmRSS), one decimal.
rss_mb() {
    awk '/^VmRSS:/ { printf "%.1f", $2 / 1024; found = 1 } END { if (!found) exit 1 }' "/proc/$1/status"
}

# --- results -------------------------------------------------------------------------------------
# One run: rps, p50 and p99 in ms, requests, errors, the tool. Named by a key; run_order keeps order.
declare -A run_label run_rps run_p50 run_p99 run_requests run_errors run_tool
run_order=()
declare -A rss
rss_order=()
notes=()

record_run() {
    local key="$1"
    run_label[$key]="$2"
    run_tool[$key]="$3"
    run_rps[$key]="$4"
    run_p50[$key]="$5"
    run_p99[$key]="$6"
    run_requests[$key]="$7"
    run_errors[$key]="$8"
    run_order+=("$key")
    info "$2: $4 req/s, p50 $5 ms, p99 $6 ms, $8 errors"
}

# expect_http NAME METHOD URL STATUS [curl args...]: one request that must answer STATUS before a run
# (so that a run never measures error answers); the body goes to .bench/logs/check-NAME.txt.
expect_http() {
    local name="$1" method="$2" url="$3" status="$4" code
    shift 4
    code="$(curl -s -o "$LOG_DIR/check-$name.txt" -w '%{http_code}' --max-time 10 -X "$method" "$@" -- "$url" || true)"
    if [[ "$code" != "$status" ]]; then
        show_log "$LOG_DIR/check-$name.txt"
        die "$method $url answered ${code:-nothing}, expected $status (before the '$name' run)"
    fi
}

# run_wrk KEY LABEL SCRIPT URL [SCRIPT ARGS...]: a warm-up, then the measured run with --latency.
# SCRIPT is in Benchmarks/wrk, unless it is an absolute path.
run_wrk() {
    local key="$1" label="$2" script="$LUA_DIR/$3" url="$4"
    [[ "$3" == /* ]] && script="$3"
    shift 4
    local log="$LOG_DIR/wrk-$key.txt" line
    if ((WARMUP > 0)); then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$script" "$url" -- "$@" >"$LOG_DIR/wrk-$key-warmup.txt" 2>&1 \
            || { show_log "$LOG_DIR/wrk-$key-warmup.txt"; die "wrk failed (warm-up of '$label')"; }
    fi
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$url" -- "$@" >"$log" 2>&1 \
        || { show_log "$log"; die "wrk failed ('$label')"; }
    line="$(grep '^BENCH_RESULT ' "$log" | tail -n 1)" || { show_log "$log"; die "no result line in $log"; }
    local requests rps p50 p99 non2xx socket
    requests="$(field "$line" requests)"
    rps="$(field "$line" rps)"
    p50="$(field "$line" p50_us)"
    p99="$(field "$line" p99_us)"
    non2xx="$(field "$line" non2xx)"
    socket="$(field "$line" socket_errors)"
    record_run "$key" "$label" wrk "$(printf '%.0f' "$rps")" "$(ms "$p50")" "$(ms "$p99")" "$requests" $((non2xx + socket))
    if ((non2xx + socket > 0)); then
        notes+=("$label: $non2xx answers other than 2xx/3xx and $socket socket errors out of $requests requests (see $log)")
    fi
}

# field LINE NAME: the value of NAME=value in LINE.
field() {
    local value
    value="$(tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p")"
    [[ -n "$value" ]] || die "no $2 in: $1"
    printf '%s' "$value"
}

# ms MICROSECONDS: milliseconds with two decimals.
ms() {
    awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'
}

# run_pgbench KEY LABEL SCRIPT [pgbench args...]: a warm-up, then the measured run as the runtime
# role, prepared statements, with a per-transaction log for p50 and p99. SCRIPT is in
# Benchmarks/pgbench, unless it is an absolute path.
run_pgbench() {
    local key="$1" label="$2" script="$SQL_DIR/$3"
    [[ "$3" == /* ]] && script="$3"
    shift 3
    local log="$LOG_DIR/pgbench-$key.txt" prefix="$work_tmp/pgbench-$key"
    local common=(-n -f "$script" -c "$CONNECTIONS" -j "$THREADS" -M prepared "$@")
    if ((WARMUP > 0)); then
        "$PGBENCH" "${common[@]}" -T "$WARMUP" "$DATABASE_URL" >"$LOG_DIR/pgbench-$key-warmup.txt" 2>&1 \
            || { show_log "$LOG_DIR/pgbench-$key-warmup.txt"; die "pgbench failed (warm-up of '$label')"; }
    fi
    "$PGBENCH" "${common[@]}" -T "$DURATION" -l --log-prefix="$prefix" "$DATABASE_URL" >"$log" 2>&1 \
        || { show_log "$log"; die "pgbench failed ('$label')"; }
    local tps processed failed percentiles
    tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$log")"
    processed="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$log")"
    failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$log")"
    [[ -n "$tps" && -n "$processed" ]] || { show_log "$log"; die "could not read pgbench's result in $log"; }
    # Per-transaction log lines: client, transaction, latency in µs, script, epoch s, µs.
    percentiles="$(cat -- "$prefix".* | awk '{ print $3 }' | sort -n | awk '
        { v[NR] = $1 }
        END {
            if (NR == 0) { print "0 0"; exit }
            i50 = int(NR * 0.50); if (i50 < 1) i50 = 1
            i99 = int(NR * 0.99); if (i99 < 1) i99 = 1
            print v[i50], v[i99]
        }')"
    rm -f -- "$prefix".*
    record_run "$key" "$label" pgbench "$(printf '%.0f' "$tps")" "$(ms "${percentiles% *}")" "$(ms "${percentiles#* }")" \
        "$processed" "${failed:-0}"
}

# --- 1. dependencies, build, database ------------------------------------------------------------
started_at=$SECONDS
"$GUICHET_ROOT/scripts/install-deps.sh"
for tool in wrk curl psql; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (scripts/install-deps.sh installs it)"
done
[[ -x "$PGBENCH" ]] || die "pgbench is missing at $PGBENCH (postgresql-15; or set PG_BINDIR)"

if [[ -n "${GUICHET_BIN_DIR:-}" ]]; then
    BIN_DIR="$(realpath -- "$GUICHET_BIN_DIR")"
    info "using the executables in $BIN_DIR (GUICHET_BIN_DIR); not building"
else
    info "building (swift build -c release --static-swift-stdlib)"
    swift build -c release --static-swift-stdlib >&2
    BIN_DIR="$(swift build -c release --static-swift-stdlib --show-bin-path)"
fi
build_seconds=$((SECONDS - started_at))

mkdir -p -- "$OUT"
rm -rf -- "$LOG_DIR" "$KEYS_DIR" "$OUT/results.json" "$OUT/results.md"
mkdir -p -- "$LOG_DIR"
work_tmp="$(mktemp -d "${TMPDIR:-/tmp}/guichet-bench.XXXXXX")"
if "$GUICHET_ROOT/scripts/pg.sh" status "$PG_DIR" >/dev/null 2>&1; then
    info "stopping the PostgreSQL a previous run left in $PG_DIR"
    "$GUICHET_ROOT/scripts/pg.sh" stop "$PG_DIR"
fi
rm -rf -- "$PG_DIR"
PG_PORT="$(free_port)"
info "starting a fresh PostgreSQL in $PG_DIR on $HOST:$PG_PORT (normal durability)"
started_pg=1
GUICHET_PG_FAST=0 "$GUICHET_ROOT/scripts/pg.sh" start "$PG_DIR" "$PG_PORT"
eval "$("$GUICHET_ROOT/scripts/pg.sh" env "$PG_DIR" "$PG_PORT")"
setup_seconds=$((SECONDS - started_at))

# --- 2. the kit ----------------------------------------------------------------------------------
kit_status="not run (BENCH_PARTS)"
if ((run_kit)); then
    kit_started=$SECONDS
    kit_port="$(free_port)"
    info "kit: starting kit-bench-server on $HOST:$kit_port ($KIT_TENANTS tenants, $KIT_ITEMS rows for bench-01)"
    start_server kit-bench-server "$kit_port" "$BIN_DIR/kit-bench-server" \
        KIT_BENCH_TENANTS="$KIT_TENANTS" KIT_BENCH_ITEMS="$KIT_ITEMS" KIT_BENCH_OTHER_ITEMS="$KIT_OTHER_ITEMS"
    kit_pid=$started_pid
    wait_answer kit-bench-server "$kit_pid" "http://$HOST:$kit_port/readyz"
    # Fresh rows: statistics and the visibility map, as autovacuum would give them in time.
    psql "$DATABASE_ADMIN_URL" -X -q -v ON_ERROR_STOP=1 -c 'VACUUM ANALYZE benchkit.items' >/dev/null
    kit_url="http://$HOST:$kit_port"

    expect_http kit-plaintext GET "$kit_url/plaintext" 200
    run_wrk kit_plaintext "kit GET /plaintext" get.lua "$kit_url/plaintext"
    expect_http kit-json GET "$kit_url/json" 200
    run_wrk kit_json "kit GET /json" get.lua "$kit_url/json"
    expect_http kit-item GET "$kit_url/v1/bench-01/items/$KIT_ITEMS" 200
    run_wrk kit_read "kit primary-key read (GET /v1/bench-01/items/:id)" items.lua "$kit_url" /v1/bench-01/items/ "$KIT_ITEMS"
    require_alive kit-bench-server "$kit_pid"
    rss[kit-bench-server]="$(rss_mb "$kit_pid")"
    rss_order+=(kit-bench-server)

    kit_tenant="$(psql "$DATABASE_URL" -X -A -t -v ON_ERROR_STOP=1 -c "SELECT id FROM platform.tenants WHERE slug = 'bench-01'")"
    [[ "$kit_tenant" =~ ^[0-9a-f-]{36}$ ]] || die "tenant bench-01 not found (got '$kit_tenant')"
    run_pgbench pg_read "pgbench primary-key read (same transaction, pipelined)" pk-read.sql \
        -D "tenant=$kit_tenant" -D "count=$KIT_ITEMS"
    stop_server "$kit_pid"
    kit_status="measured"
    kit_seconds=$((SECONDS - kit_started))
fi

# --- 3. the stack: complaints and gateway --------------------------------------------------------
stack_status="not run (BENCH_PARTS)"
stack_failure=""
insert_status="not run"

# stack_unavailable REASON: the stack part cannot run on this tree; it is reported, and make bench
# ends with a non-zero status after writing the rest.
stack_unavailable() {
    stack_failure="$1"
    stack_status="not run: $1"
    info "stack: $1"
}

# run_complaints_scale GATEWAY COMPLAINTS PLATFORM_TOKEN TENANT_TOKEN: issue 6's figures. Submissions
# with a location routed by zone through the gateway against pgbench's same insert; then 1,000,000
# complaints of the bench tenant among 20 tenants, seeded with generate_series as the owner role, and
# an agent's filtered list and a city's map straight to complaints with a supervisor's context token.
# The platform's administrator onboards tenants; each tenant's administrator makes its reference data.
run_complaints_scale() {
    local gateway="$1" complaints="$2" platform_token="$3" tenant_token="$4" i slug tenant code units="" unit_list agent other_token
    # call_admin TOKEN METHOD PATH BODY: the HTTP status (the answer in check-scale.txt).
    call_admin() {
        curl -s -o "$LOG_DIR/check-scale.txt" -w '%{http_code}' --max-time 30 -X "$2" -H "Authorization: Bearer $1" \
            -H 'Content-Type: application/json' --data "$4" -- "$gateway$3" || true
    }
    for code in water light schools waste; do
        [[ "$(call_admin "$tenant_token" POST "/v1/$BENCH_TENANT/complaints/categories" "{\"code\":\"$code\",\"name\":{\"fr\":\"$code\"}}")" =~ ^(201|409)$ ]] \
            || die "creating the category $code answered: $(cat "$LOG_DIR/check-scale.txt")"
    done
    [[ "$(call_admin "$tenant_token" POST "/v1/$BENCH_TENANT/complaints/zones" '{"code":"casa","name":{"fr":"Casablanca"},"kind":"commune","geometry":{"type":"Polygon","coordinates":[[[-7.7,33.5],[-7.5,33.5],[-7.5,33.65],[-7.7,33.65],[-7.7,33.5]]]}}')" =~ ^(201|409)$ ]] \
        || die "creating the zone answered: $(cat "$LOG_DIR/check-scale.txt")"
    [[ "$(call_admin "$tenant_token" PUT "/v1/$BENCH_TENANT/complaints/routing-rules/roads/casa" '{"unit":"00000000-0000-4000-8000-000000000001"}')" == 200 ]] \
        || die "creating the routing rule answered: $(cat "$LOG_DIR/check-scale.txt")"

    # Submissions with a location, routed by zone, through the gateway; pgbench on the same insert.
    tenant_id="$(psql "$DATABASE_URL" -X -A -t -v ON_ERROR_STOP=1 -c "SELECT id FROM platform.tenants WHERE slug = '$BENCH_TENANT'")"
    expect_http submit_located POST "$gateway/v1/$BENCH_TENANT/complaints" 201 -H 'Content-Type: application/json' \
        --data '{"category":"roads","subject":"Essai","description":"Un essai avant la mesure.","location":{"lat":33.57,"lon":-7.59},"language":"fr"}'
    run_wrk submit_located "submit with a location routed by zone, through the gateway" submit-located.lua \
        "$gateway" "/v1/$BENCH_TENANT/complaints" roads
    run_pgbench pg_insert_located "pgbench complaint insert with location and routing (same statement, pipelined)" \
        complaint-insert-located.sql -D "tenant=$tenant_id"
    # What the outbox costs the submission (issue 5): the same insert with the acknowledgement email
    # and the complaint.submitted event fanned out to one subscribed endpoint, in the same transaction.
    psql "$DATABASE_OWNER_URL" -X -q -v ON_ERROR_STOP=1 -v tenant="$tenant_id" >"$LOG_DIR/webhook-endpoint.txt" 2>&1 <<'SQL' \
        || { show_log "$LOG_DIR/webhook-endpoint.txt"; die "registering the bench's webhook endpoint failed"; }
SELECT set_config('app.tenant_id', :'tenant', false);
INSERT INTO complaints.webhook_endpoints (tenant_id, id, url, event_types, description, secret, created_at, updated_at)
SELECT :'tenant', gen_random_uuid(), 'https://hooks.example.org/guichet', '{complaint.submitted}', 'bench', decode(md5(random()::text) || md5(random()::text), 'hex'), now(), now()
WHERE NOT EXISTS (SELECT 1 FROM complaints.webhook_endpoints WHERE tenant_id = :'tenant' AND description = 'bench');
SQL
    run_pgbench pg_insert_located_outbox "pgbench the same insert with the outbox's acknowledgement and event (same transaction)" \
        complaint-insert-located-outbox.sql -D "tenant=$tenant_id"

    ((SCALE_COMPLAINTS > 0)) || { notes+=("complaints at scale: not run (BENCH_COMPLAINTS=0)"); return 0; }
    info "stack: $((SCALE_TENANTS - 1)) more tenants with $SCALE_OTHER_COMPLAINTS complaints each"
    for ((i = 2; i <= SCALE_TENANTS; i++)); do
        slug="$(printf 'scale-%02d' "$i")"
        [[ "$(call_admin "$platform_token" POST /v1/platform/tenants "{\"slug\":\"$slug\",\"name\":{\"fr\":\"Banc $i\"},\"timezone\":\"Africa/Casablanca\",\"admin\":{\"username\":\"admin\",\"password\":\"$password\"}}")" =~ ^(201|409)$ ]] \
            || die "onboarding $slug answered: $(cat "$LOG_DIR/check-scale.txt")"
        other_token="$(curl -s --max-time 30 -X POST "$gateway/v1/auth/token" -d grant_type=password -d username=admin \
            -d "tenant=$slug" --data-urlencode "password=$password" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')"
        [[ -n "$other_token" ]] || die "no access_token for the administrator of $slug"
        [[ "$(call_admin "$other_token" POST "/v1/$slug/complaints/categories" '{"code":"roads","name":{"fr":"Voirie"}}')" =~ ^(201|409)$ ]] \
            || die "the category of $slug answered: $(cat "$LOG_DIR/check-scale.txt")"
        tenant="$(psql "$DATABASE_URL" -X -A -t -v ON_ERROR_STOP=1 -c "SELECT id FROM platform.tenants WHERE slug = '$slug'")"
        psql "$DATABASE_OWNER_URL" -X -q -v ON_ERROR_STOP=1 -v tenant="$tenant" -v count="$SCALE_OTHER_COMPLAINTS" -v prefix=S \
            -v categories='{roads}' -v units="$SCALE_UNITS" -f "$GUICHET_ROOT/Benchmarks/complaints/seed.sql" >/dev/null \
            || die "seeding $slug failed"
    done
    info "stack: seeding $SCALE_COMPLAINTS complaints in $BENCH_TENANT (generate_series, owner role)"
    local seed_started=$SECONDS
    psql "$DATABASE_OWNER_URL" -X -q -v ON_ERROR_STOP=1 -v tenant="$tenant_id" -v count="$SCALE_COMPLAINTS" -v prefix=S \
        -v categories='{roads,water,light,schools,waste}' -v units="$SCALE_UNITS" -f "$GUICHET_ROOT/Benchmarks/complaints/seed.sql" >/dev/null \
        || die "seeding $BENCH_TENANT failed"
    psql "$DATABASE_ADMIN_URL" -X -q -v ON_ERROR_STOP=1 -c 'VACUUM ANALYZE complaints.complaints' >/dev/null
    notes+=("complaints at scale: $SCALE_COMPLAINTS complaints in $BENCH_TENANT and $SCALE_OTHER_COMPLAINTS in each of $((SCALE_TENANTS - 1)) other tenants, seeded in $((SECONDS - seed_started)) s")

    # An agent's filtered list and a city's map: a supervisor's context token (it lives 120 s: one per run).
    for ((i = 0; i < SCALE_UNITS; i++)); do
        units+="${units:+,}00000000-0000-4000-8000-$(printf '%012d' "$i")"
    done
    unit_list="$units"
    agent_token() {
        env -u DATABASE_ADMIN_URL DATABASE_URL="$DATABASE_URL" DATABASE_OWNER_URL="$DATABASE_OWNER_URL" GUICHET_KEYS_DIR="$KEYS_DIR" \
            GUICHET_LOG_LEVEL=warning timeout 30 "$BIN_DIR/gateway" context-token "$BENCH_TENANT" agent complaints.supervisor "$unit_list"
    }
    agent="$(agent_token 2>"$LOG_DIR/agent-token.txt")" || die "gateway context-token (agent) failed: $(cat "$LOG_DIR/agent-token.txt")"
    expect_http agent_list GET "$complaints/v1/$BENCH_TENANT/complaints/cases?status=received,assigned&limit=50&unit=00000000-0000-4000-8000-000000000007" \
        200 -H "X-Guichet-Context: $agent"
    run_wrk agent_list "an agent's filtered list (open complaints of a unit, 50 a page) over $SCALE_COMPLAINTS complaints" cases.lua \
        "$complaints" list "/v1/$BENCH_TENANT/complaints" "$unit_list" "$agent"
    agent="$(agent_token 2>"$LOG_DIR/agent-token.txt")" || die "gateway context-token (agent) failed: $(cat "$LOG_DIR/agent-token.txt")"
    expect_http agent_map GET "$complaints/v1/$BENCH_TENANT/complaints/map?zoom=13&status=received&bbox=-7.65,33.54,-7.53,33.61" \
        200 -H "X-Guichet-Context: $agent"
    run_wrk agent_map "a city's map of open complaints (zoom 13, clustered) over $SCALE_COMPLAINTS complaints" cases.lua \
        "$complaints" map "/v1/$BENCH_TENANT/complaints" "$unit_list" "$agent"
}

run_stack_part() {
    local complaints_port gateway_port unused_port password token tenant_token code answer tenant_id context
    complaints_port="$(free_port)"
    gateway_port="$(free_port)"
    unused_port="$(free_port)"
    password="$ADMIN_PASSWORD"
    mkdir -p -- "$KEYS_DIR"
    chmod 700 "$KEYS_DIR"
    local gateway_env=(
        GUICHET_EVENT_LOOPS="$STACK_LOOPS"
        GUICHET_ADMIN_PASSWORD="$password" GUICHET_KEYS_DIR="$KEYS_DIR"
        GUICHET_COMPLAINTS_URL="http://$HOST:$complaints_port"
        GUICHET_APPOINTMENTS_URL="http://$HOST:$unused_port" GUICHET_MAIL_URL="http://$HOST:$unused_port"
        # wrk's connections all come from one address: limits it never meets (still counted).
        GUICHET_RATE_READ_PER_ADDRESS=1000000000/m GUICHET_RATE_SUBMIT_PER_ADDRESS=1000000000/m
        GUICHET_RATE_READ_PER_PRINCIPAL=1000000000/m GUICHET_RATE_SUBMIT_PER_PRINCIPAL=1000000000/m
        GUICHET_RATE_LOGIN_PER_ADDRESS=1000000000/m
    )

    info "stack: starting complaints on $HOST:$complaints_port"
    start_server complaints "$complaints_port" "$BIN_DIR/complaints" \
        GUICHET_EVENT_LOOPS="$STACK_LOOPS" DATABASE_POOL_SIZE="${BENCH_POOL_SIZE:-$CONNECTIONS}"
    complaints_pid=$started_pid
    wait_answer complaints "$complaints_pid" "http://$HOST:$complaints_port/readyz"
    info "stack: starting gateway on $HOST:$gateway_port"
    start_server gateway "$gateway_port" "$BIN_DIR/gateway" "${gateway_env[@]}"
    gateway_pid=$started_pid
    # Its /readyz asks every service, and appointments and mail do not run here.
    wait_answer gateway "$gateway_pid" "http://$HOST:$gateway_port/healthz"
    local gateway="http://$HOST:$gateway_port" complaints="http://$HOST:$complaints_port"

    answer="$(curl -s --max-time 30 -X POST "$gateway/v1/auth/token" -d grant_type=password -d username=admin \
        --data-urlencode "password=$password")" || die "POST /v1/auth/token failed"
    token="$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$answer")"
    [[ -n "$token" ]] || die "no access_token from POST /v1/auth/token: $answer"

    expect_http onboard POST "$gateway/v1/platform/tenants" 201 -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' \
        --data "{\"slug\":\"$BENCH_TENANT\",\"name\":{\"fr\":\"Banc d'essai\"},\"timezone\":\"Africa/Casablanca\",\"admin\":{\"username\":\"admin\",\"password\":\"$password\"}}"
    # Categories are the tenant's administrators' to make.
    answer="$(curl -s --max-time 30 -X POST "$gateway/v1/auth/token" -d grant_type=password -d username=admin \
        -d "tenant=$BENCH_TENANT" --data-urlencode "password=$password")" || die "POST /v1/auth/token (tenant) failed"
    tenant_token="$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$answer")"
    [[ -n "$tenant_token" ]] || die "no access_token for the tenant's administrator: $answer"
    code="$(curl -s -o "$LOG_DIR/check-category.txt" -w '%{http_code}' --max-time 10 -X POST \
        -H "Authorization: Bearer $tenant_token" -H 'Content-Type: application/json' \
        --data '{"code":"roads","name":{"fr":"Voirie","ar":"الطرق","en":"Roads"}}' \
        -- "$gateway/v1/$BENCH_TENANT/complaints/categories" || true)"
    if [[ "$code" == 404 || "$code" == 405 ]]; then
        stack_unavailable "POST /v1/$BENCH_TENANT/complaints/categories answered $code: the complaints routes are not in this tree yet"
        return 0
    fi
    [[ "$code" == 201 || "$code" == 200 ]] || { show_log "$LOG_DIR/check-category.txt"; die "creating the category answered ${code:-nothing}"; }

    # Submit.
    expect_http submit POST "$gateway/v1/$BENCH_TENANT/complaints" 201 -H 'Content-Type: application/json' \
        --data '{"category":"roads","subject":"Essai","description":"Un essai avant la mesure.","language":"fr"}'
    grep -q '"tracking_code"' "$LOG_DIR/check-submit.txt" || die "no tracking_code in the answer to a submission: $(cat "$LOG_DIR/check-submit.txt")"
    run_wrk submit "submit through the gateway (POST /v1/$BENCH_TENANT/complaints)" submit.lua \
        "$gateway" "/v1/$BENCH_TENANT/complaints" roads

    # Tracking codes: TRACK_CODES complaints made with curl, 8 at a time.
    info "stack: creating $TRACK_CODES complaints for the tracking runs"
    local config="$work_tmp/curl-submit.conf" codes="$OUT/tracking-codes.txt" i
    : >"$config"
    # One operation per complaint (options after `next` apply to the next one only).
    for ((i = 1; i <= TRACK_CODES; i++)); do
        if ((i > 1)); then
            echo next >>"$config"
        fi
        printf 'url = "%s"\nrequest = "POST"\nmax-time = 30\nheader = "Content-Type: application/json"\ndata = "{\\"category\\":\\"roads\\",\\"subject\\":\\"Suivi %d\\",\\"description\\":\\"Signalement pour le suivi, numero %d.\\",\\"language\\":\\"fr\\"}"\nwrite-out = "\\n"\n' \
            "$gateway/v1/$BENCH_TENANT/complaints" "$i" "$i" >>"$config"
    done
    curl -s --no-progress-meter --parallel --parallel-max 8 -K "$config" >"$work_tmp/tracking-answers.txt" \
        2>"$LOG_DIR/curl-tracking.txt" || die "curl failed while creating the complaints for the tracking runs (see $LOG_DIR/curl-tracking.txt)"
    grep -o '"tracking_code" *: *"[^"]*"' "$work_tmp/tracking-answers.txt" | sed 's/.*"\([^"]*\)"$/\1/' >"$codes" || true
    local made
    made="$(wc -l <"$codes")"
    ((made * 10 >= TRACK_CODES * 9)) || die "only $made of $TRACK_CODES complaints were created (answers in $work_tmp)"
    info "stack: $made tracking codes in $codes"

    # Track through the gateway.
    expect_http track GET "$gateway/v1/$BENCH_TENANT/complaints/$(head -n 1 "$codes")" 200
    run_wrk track "track through the gateway (GET /v1/$BENCH_TENANT/complaints/:code)" track.lua \
        "$gateway" "/v1/$BENCH_TENANT/complaints/" "$codes"

    # The same with a valid bearer token (the tenant's administrator's): what verifying a token costs
    # the read path, against the anonymous run above.
    expect_http track_bearer GET "$gateway/v1/$BENCH_TENANT/complaints/$(head -n 1 "$codes")" 200 \
        -H "Authorization: Bearer $tenant_token"
    run_wrk track_bearer "track through the gateway with a bearer token" track.lua \
        "$gateway" "/v1/$BENCH_TENANT/complaints/" "$codes" "" "$tenant_token"

    # The same, straight to complaints with a context token (it lives 120 s: one per run).
    context_token() {
        env -u DATABASE_ADMIN_URL DATABASE_URL="$DATABASE_URL" DATABASE_OWNER_URL="$DATABASE_OWNER_URL" \
            GUICHET_KEYS_DIR="$KEYS_DIR" GUICHET_LOG_LEVEL=warning timeout 30 "$BIN_DIR/gateway" context-token "$BENCH_TENANT"
    }
    # Without a token the hop cannot be measured: the rest still is, and make bench fails at the end.
    if context="$(context_token 2>"$LOG_DIR/context-token.txt")" && [[ -n "$context" ]]; then
        expect_http direct GET "$complaints/v1/$BENCH_TENANT/complaints/$(head -n 1 "$codes")" 200 -H "X-Guichet-Context: $context"
        if ((WARMUP + DURATION > 110)); then
            notes+=("the context token lives 120 s: with runs this long, the direct tracking run may end with 401 answers")
        fi
        run_wrk direct "track straight to complaints (context token, no gateway)" track.lua \
            "$complaints" "/v1/$BENCH_TENANT/complaints/" "$codes" "$context"
    else
        stack_failure="'gateway context-token $BENCH_TENANT' failed or did not finish within 30 s (see $LOG_DIR/context-token.txt): the gateway hop was not measured"
        info "stack: $stack_failure"
    fi

    # pgbench on the service's own single-row insert.
    if [[ -f "$SQL_DIR/complaint-insert.sql" ]]; then
        tenant_id="$(psql "$DATABASE_URL" -X -A -t -v ON_ERROR_STOP=1 -c "SELECT id FROM platform.tenants WHERE slug = '$BENCH_TENANT'")"
        [[ "$tenant_id" =~ ^[0-9a-f-]{36}$ ]] || die "tenant $BENCH_TENANT not found (got '$tenant_id')"
        run_pgbench pg_insert "pgbench complaint insert (same statements, pipelined)" complaint-insert.sql \
            -D "tenant=$tenant_id"
        insert_status="measured"
    else
        insert_status="pending"
        notes+=("pgbench insert: pending — Benchmarks/pgbench/complaint-insert.sql is written from the complaints migrations once they exist")
    fi

    run_complaints_scale "$gateway" "$complaints" "$token" "$tenant_token"

    require_alive complaints "$complaints_pid"
    require_alive gateway "$gateway_pid"
    rss[complaints]="$(rss_mb "$complaints_pid")"
    rss[gateway]="$(rss_mb "$gateway_pid")"
    rss_order+=(complaints gateway)
    if [[ -n "$stack_failure" ]]; then
        stack_status="partly measured: $stack_failure"
    else
        stack_status="measured"
    fi
}

if ((run_stack)); then
    stack_started=$SECONDS
    run_stack_part
    stack_seconds=$((SECONDS - stack_started))
fi

# --- 4. appointments: availability and booking under contention -------------------------------
appointments_status="not run (BENCH_PARTS)"
appointments_overlaps=""
APPOINTMENTS_TENANT=bench-appointments

run_appointments_part() {
    local appointments_port gateway_port unused_port password tenant site service from to answer made
    appointments_port="$(free_port)"
    gateway_port="$(free_port)"
    unused_port="$(free_port)"
    password="$ADMIN_PASSWORD"
    mkdir -p -- "$KEYS_DIR"
    chmod 700 "$KEYS_DIR"
    info "appointments: starting appointments on $HOST:$appointments_port and a gateway on $HOST:$gateway_port"
    start_server appointments "$appointments_port" "$BIN_DIR/appointments" \
        GUICHET_EVENT_LOOPS="$STACK_LOOPS" DATABASE_POOL_SIZE="${BENCH_POOL_SIZE:-$CONNECTIONS}"
    local appointments_pid=$started_pid
    wait_answer appointments "$appointments_pid" "http://$HOST:$appointments_port/readyz"
    start_server gateway-appointments "$gateway_port" "$BIN_DIR/gateway" GUICHET_EVENT_LOOPS="$STACK_LOOPS" \
        GUICHET_ADMIN_PASSWORD="$password" GUICHET_KEYS_DIR="$KEYS_DIR" GUICHET_APPOINTMENTS_URL="http://$HOST:$appointments_port" \
        GUICHET_COMPLAINTS_URL="http://$HOST:$unused_port" GUICHET_MAIL_URL="http://$HOST:$unused_port" \
        GUICHET_RATE_READ_PER_ADDRESS=1000000000/m GUICHET_RATE_SUBMIT_PER_ADDRESS=1000000000/m \
        GUICHET_RATE_READ_PER_PRINCIPAL=1000000000/m GUICHET_RATE_SUBMIT_PER_PRINCIPAL=1000000000/m \
        GUICHET_RATE_LOGIN_PER_ADDRESS=1000000000/m
    local gateway_pid=$started_pid
    wait_answer gateway-appointments "$gateway_pid" "http://$HOST:$gateway_port/healthz"
    local gateway="http://$HOST:$gateway_port" base="/v1/$APPOINTMENTS_TENANT/appointments"

    # The tenant and its configuration in SQL, as the runtime role with the tenant set (agents
    # cannot sign in through the gateway yet): one site open every day, a 15-minute service, 10
    # counters open 08:30-12:00 and 14:00-16:30 on weekdays, a third of the next 30 days booked.
    tenant="$(psql "$DATABASE_URL" -X -q -A -t -v ON_ERROR_STOP=1 -c \
        "INSERT INTO platform.tenants (id, slug, name_fr) VALUES (gen_random_uuid(), '$APPOINTMENTS_TENANT', 'Banc rendez-vous') RETURNING id")"
    [[ "$tenant" =~ ^[0-9a-f-]{36}$ ]] || die "the tenant $APPOINTMENTS_TENANT could not be made (got '$tenant')"
    psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -c "SELECT platform.provision_tenant('$tenant')" >/dev/null
    site="$(cat /proc/sys/kernel/random/uuid)"
    service="$(cat /proc/sys/kernel/random/uuid)"
    from="$(TZ=Africa/Casablanca date -d tomorrow +%F)"
    to="$(TZ=Africa/Casablanca date -d "$from + 29 days" +%F)"
    psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -v tenant="$tenant" -v site="$site" -v service="$service" -v first="$from" \
        >"$LOG_DIR/appointments-setup.txt" 2>&1 <<'SQL' || { show_log "$LOG_DIR/appointments-setup.txt"; die "the appointments setup failed"; }
BEGIN;
SELECT set_config('app.tenant_id', :'tenant', true);
INSERT INTO appointments.settings (tenant_id, contact_verification) VALUES (:'tenant', 'optional');
INSERT INTO appointments.sites (tenant_id, id, name, address, phone, opening_hours, created_at, updated_at)
VALUES (:'tenant', :'site', '{"fr": "Banc d''essai"}', '{"fr": "Rabat"}', '0537000000',
        '{"monday": ["08:00-18:00"], "tuesday": ["08:00-18:00"], "wednesday": ["08:00-18:00"], "thursday": ["08:00-18:00"],
          "friday": ["08:00-18:00"], "saturday": ["08:00-18:00"], "sunday": ["08:00-18:00"]}', now(), now());
INSERT INTO appointments.services (
    tenant_id, id, name, duration_minutes, buffer_minutes, capacity, minimum_notice_minutes, maximum_horizon_minutes,
    cancellation_cutoff_minutes, move_cutoff_minutes, channels, per_person_cap, ticket_prefix, created_at, updated_at)
VALUES (:'tenant', :'service', '{"fr": "Passeport"}', 15, 0, 1, 0, 86400, 1440, 1440, '{web,mobile,phone,desk}', 100, 'A', now(), now());
INSERT INTO appointments.offers (tenant_id, site_id, service_id) VALUES (:'tenant', :'site', :'service');
INSERT INTO appointments.counters (tenant_id, id, site_id, label, schedule, created_at, updated_at)
SELECT :'tenant', gen_random_uuid(), :'site', 'Guichet ' || n,
       '{"monday": ["08:30-12:00", "14:00-16:30"], "tuesday": ["08:30-12:00", "14:00-16:30"], "wednesday": ["08:30-12:00", "14:00-16:30"],
         "thursday": ["08:30-12:00", "14:00-16:30"], "friday": ["08:30-12:00", "14:00-16:30"]}', now(), now()
FROM generate_series(1, 10) AS n;
WITH slots AS (
    SELECT c.id AS counter, ((d::date + CASE WHEN k < 14 THEN time '08:30' + k * interval '15 minutes'
                                             ELSE time '14:00' + (k - 14) * interval '15 minutes' END)
                            AT TIME ZONE 'Africa/Casablanca') AS starts_at,
           row_number() OVER () AS number
    FROM appointments.counters c,
         generate_series(:'first'::date, :'first'::date + 29, interval '1 day') AS d,
         generate_series(0, 23) AS k
    WHERE c.tenant_id = :'tenant' AND extract(isodow FROM d) < 6 AND (k + ascii(right(c.label, 1))) % 3 = 0
)
INSERT INTO appointments.bookings (
    tenant_id, id, code, site_id, service_id, counter_id, starts_at, ends_at, occupied_until, occupancy_key, status,
    contact_phone, channel, created_at, updated_at, confirmed_at)
SELECT :'tenant', id, upper(substr(md5(id::text), 1, 10)), :'site', :'service', counter, starts_at,
       starts_at + interval '15 minutes', starts_at + interval '15 minutes', id, 'confirmed',
       '+2125' || lpad(number::text, 8, '0'), 'web', now(), now(), now()
FROM (SELECT gen_random_uuid() AS id, * FROM slots) AS s
ON CONFLICT DO NOTHING;
COMMIT;
SQL
    psql "$DATABASE_ADMIN_URL" -X -q -v ON_ERROR_STOP=1 -c 'VACUUM ANALYZE appointments.bookings' >/dev/null

    local availability="$gateway$base/availability?site=$site&service=$service&from=$from&to=$to"
    expect_http appointments-availability GET "$availability" 200
    run_wrk appointments_availability "appointments: availability, 30 days, 10 counters, through the gateway" get.lua "$availability"

    # Contention: every request books one of 100 starts at random, each with a phone of its own;
    # 409 (taken) is the expected answer of most.
    answer="$work_tmp/appointments-starts.txt"
    jq -r '.slots[:100][].start' "$LOG_DIR/check-appointments-availability.txt" >"$answer"
    [[ "$(wc -l <"$answer")" -ge 10 ]] || die "too few free slots for the booking run: $(head -c 300 "$LOG_DIR/check-appointments-availability.txt")"
    cat >"$work_tmp/book.lua" <<LUA
dofile("$LUA_DIR/report.lua")
local starts, sequence, number = {}, 0, 0
local path, site, service
function init(args)
    number = seed_thread()
    path, site, service = args[1], args[2], args[3]
    for line in io.lines(args[4]) do starts[#starts + 1] = line end
end
function request()
    sequence = sequence + 1
    local body = string.format('{"site":"%s","service":"%s","start":"%s","contact":{"phone":"+2126%02d%06d"}}',
        site, service, starts[math.random(#starts)], number % 100, sequence % 1000000)
    return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
LUA
    run_wrk appointments_booking "appointments: bookings of 100 starts at once through the gateway (201 or 409 slot_taken)" \
        "$work_tmp/book.lua" "$gateway" "$base/bookings" "$site" "$service" "$answer"
    made="$(psql "$DATABASE_ADMIN_URL" -X -q -A -t -v ON_ERROR_STOP=1 -c \
        "SELECT count(*) FROM appointments.bookings WHERE tenant_id = '$tenant' AND created_at > now() - interval '1 hour' AND contact_phone LIKE '+2126%'")"
    appointments_overlaps="$(psql "$DATABASE_ADMIN_URL" -X -q -A -t -v ON_ERROR_STOP=1 -c "
        SELECT count(*) FROM appointments.bookings a JOIN appointments.bookings b
          ON a.tenant_id = b.tenant_id AND a.counter_id = b.counter_id AND a.id < b.id AND a.occupancy_key <> b.occupancy_key
         AND tstzrange(a.starts_at, a.occupied_until) && tstzrange(b.starts_at, b.occupied_until)
        WHERE a.tenant_id = '$tenant' AND a.status IN ('held', 'confirmed', 'checked_in') AND b.status IN ('held', 'confirmed', 'checked_in')")"
    notes+=("appointments: the booking run made $made bookings; the non-2xx answers counted as errors are its 409 slot_taken answers; overlapping live bookings of one counter after the run: $appointments_overlaps")
    require_alive appointments "$appointments_pid"
    require_alive gateway-appointments "$gateway_pid"
    rss[appointments]="$(rss_mb "$appointments_pid")"
    rss_order+=(appointments)
    stop_server "$gateway_pid"
    stop_server "$appointments_pid"
    appointments_status="measured"
}

if ((run_appointments)); then
    appointments_started=$SECONDS
    run_appointments_part
    appointments_seconds=$((SECONDS - appointments_started))
fi

# --- 5. mail: full-text search at scale, registrations on one counter and on twenty --------------
mail_status="not run (BENCH_PARTS)"
mail_gaps=""
MAIL_TENANT=bench-mail
MAIL_TENANTS=20

# run_mail_part: the mail service and a gateway. Tenants are onboarded through the API by the
# platform's administrator; each tenant's administrator makes its document types and a registrar
# agent, who makes a correspondent. The first tenant gets MAIL_ITEMS seeded items (search); then
# registrations on its counter alone, then on the 20 tenants' counters at once, each against
# pgbench on the same statements.
run_mail_part() {
    local mail_port gateway_port unused_port password platform_token admin_token agent_token answer i slug tenant code
    local correspondent tenants_file="$work_tmp/mail-tenants.txt" one_file="$work_tmp/mail-tenant-one.txt"
    mail_port="$(free_port)"
    gateway_port="$(free_port)"
    unused_port="$(free_port)"
    password="$ADMIN_PASSWORD"
    mkdir -p -- "$KEYS_DIR" "$work_tmp/mail-documents"
    chmod 700 "$KEYS_DIR"
    info "mail: starting mail on $HOST:$mail_port and a gateway on $HOST:$gateway_port"
    start_server mail "$mail_port" "$BIN_DIR/mail" GUICHET_EVENT_LOOPS="$STACK_LOOPS" \
        DATABASE_POOL_SIZE="${BENCH_POOL_SIZE:-$CONNECTIONS}" GUICHET_KEYS_DIR="$KEYS_DIR" MAIL_STORAGE_DIR="$work_tmp/mail-documents"
    local mail_pid=$started_pid
    wait_answer mail "$mail_pid" "http://$HOST:$mail_port/readyz"
    # wrk's connections and the 41 sign-ins all come from one address: limits they never meet.
    start_server gateway-mail "$gateway_port" "$BIN_DIR/gateway" GUICHET_EVENT_LOOPS="$STACK_LOOPS" \
        GUICHET_ADMIN_PASSWORD="$password" GUICHET_KEYS_DIR="$KEYS_DIR" GUICHET_MAIL_URL="http://$HOST:$mail_port" \
        GUICHET_COMPLAINTS_URL="http://$HOST:$unused_port" GUICHET_APPOINTMENTS_URL="http://$HOST:$unused_port" \
        GUICHET_RATE_READ_PER_ADDRESS=1000000000/m GUICHET_RATE_SUBMIT_PER_ADDRESS=1000000000/m \
        GUICHET_RATE_READ_PER_PRINCIPAL=1000000000/m GUICHET_RATE_SUBMIT_PER_PRINCIPAL=1000000000/m \
        GUICHET_RATE_LOGIN_PER_ADDRESS=1000000000/m
    local gateway_pid=$started_pid
    wait_answer gateway-mail "$gateway_pid" "http://$HOST:$gateway_port/healthz"
    local gateway="http://$HOST:$gateway_port"

    # mail_call TOKEN METHOD PATH BODY: the HTTP status (the answer in check-mail.txt).
    mail_call() {
        curl -s -o "$LOG_DIR/check-mail.txt" -w '%{http_code}' --max-time 30 -X "$2" -H "Authorization: Bearer $1" \
            -H 'Content-Type: application/json' --data "$4" -- "$gateway$3" || true
    }
    # sign_in USERNAME [TENANT]: an access token (password grant), or nothing.
    sign_in() {
        local extra=()
        [[ -n "${2:-}" ]] && extra=(-d "tenant=$2")
        curl -s --max-time 30 -X POST "$gateway/v1/auth/token" -d grant_type=password -d "username=$1" "${extra[@]}" \
            --data-urlencode "password=$password" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p'
    }
    # mail_slug N: the slug of the mail part's Nth tenant.
    mail_slug() {
        if (($1 == 1)); then echo "$MAIL_TENANT"; else printf '%s-%02d' "$MAIL_TENANT" "$1"; fi
    }

    platform_token="$(sign_in admin)"
    [[ -n "$platform_token" ]] || die "no access_token for the platform's administrator"
    info "mail: onboarding $MAIL_TENANTS tenants, each with its document types and a registrar"
    for ((i = 1; i <= MAIL_TENANTS; i++)); do
        slug="$(mail_slug "$i")"
        [[ "$(mail_call "$platform_token" POST /v1/platform/tenants "{\"slug\":\"$slug\",\"name\":{\"fr\":\"Bureau d'ordre $i\",\"ar\":\"مكتب الضبط $i\"},\"timezone\":\"Africa/Casablanca\",\"admin\":{\"username\":\"admin\",\"password\":\"$password\"}}")" == 201 ]] \
            || die "onboarding $slug answered: $(cat "$LOG_DIR/check-mail.txt")"
        admin_token="$(sign_in admin "$slug")"
        [[ -n "$admin_token" ]] || die "no access_token for the administrator of $slug"
        for code in demande reponse; do
            [[ "$(mail_call "$admin_token" POST "/v1/$slug/mail/document-types" "{\"code\":\"$code\",\"name\":{\"fr\":\"$code\"},\"requires_reply\":$([[ $code == demande ]] && echo true || echo false),\"retention\":{\"months\":120,\"final_action\":\"archive\"},\"directions\":[\"$([[ $code == demande ]] && echo incoming || echo outgoing)\"]}")" == 201 ]] \
                || die "the document type $code of $slug answered: $(cat "$LOG_DIR/check-mail.txt")"
        done
        [[ "$(mail_call "$admin_token" POST "/v1/$slug/admin/accounts" "{\"username\":\"registrar\",\"kind\":\"agent\",\"display_name\":\"Bureau d'ordre\",\"password\":\"$password\",\"roles\":[\"mail.registrar\"]}")" == 201 ]] \
            || die "creating the registrar of $slug answered: $(cat "$LOG_DIR/check-mail.txt")"
    done

    tenant="$(psql "$DATABASE_URL" -X -A -t -v ON_ERROR_STOP=1 -c "SELECT id FROM platform.tenants WHERE slug = '$MAIL_TENANT'")"
    [[ "$tenant" =~ ^[0-9a-f-]{36}$ ]] || die "tenant $MAIL_TENANT not found (got '$tenant')"
    if ((MAIL_ITEMS > 0)); then
        info "mail: seeding $MAIL_ITEMS items in $MAIL_TENANT (generate_series, owner role)"
        local seed_started=$SECONDS
        psql "$DATABASE_OWNER_URL" -X -q -v ON_ERROR_STOP=1 -v tenant="$tenant" -v count="$MAIL_ITEMS" \
            -f "$GUICHET_ROOT/Benchmarks/mail/seed.sql" >"$LOG_DIR/mail-seed.txt" 2>&1 \
            || { show_log "$LOG_DIR/mail-seed.txt"; die "seeding $MAIL_TENANT failed"; }
        psql "$DATABASE_ADMIN_URL" -X -q -v ON_ERROR_STOP=1 -c 'VACUUM ANALYZE mail.items' >/dev/null
        notes+=("mail: $MAIL_ITEMS items seeded in $MAIL_TENANT in $((SECONDS - seed_started)) s (with VACUUM ANALYZE)")
    fi

    # The registrars' tokens (they live 15 minutes: taken after the seed) and a correspondent each.
    : >"$tenants_file"
    for ((i = 1; i <= MAIL_TENANTS; i++)); do
        slug="$(mail_slug "$i")"
        agent_token="$(sign_in registrar "$slug")"
        [[ -n "$agent_token" ]] || die "no access_token for the registrar of $slug"
        [[ "$(mail_call "$agent_token" POST "/v1/$slug/mail/correspondents" '{"kind":"organisation","name":"Association Al Amal","email":"contact@alamal.example.ma"}')" =~ ^(200|201)$ ]] \
            || die "creating the correspondent of $slug answered: $(cat "$LOG_DIR/check-mail.txt")"
        correspondent="$(jq -r '.id' "$LOG_DIR/check-mail.txt")"
        [[ "$correspondent" =~ ^[0-9a-f-]{36}$ ]] || die "no correspondent id in: $(cat "$LOG_DIR/check-mail.txt")"
        echo "$slug $agent_token $correspondent" >>"$tenants_file"
    done
    head -n 1 "$tenants_file" >"$one_file"
    read -r slug agent_token correspondent <"$one_file"

    if ((MAIL_ITEMS > 0)); then
        expect_http mail-search GET "$gateway/v1/$MAIL_TENANT/mail/search?limit=20&q=permis%20%D8%B1%D8%AE%D8%B5%D8%A9" 200 \
            -H "Authorization: Bearer $agent_token"
        [[ "$(jq '.items | length' "$LOG_DIR/check-mail-search.txt")" -gt 0 ]] \
            || die "the search found nothing in the seeded items: $(head -c 300 "$LOG_DIR/check-mail-search.txt")"
        run_wrk mail_search "mail: full-text search, French and Arabic, over $MAIL_ITEMS items, through the gateway" mail-search.lua \
            "$gateway" "/v1/$MAIL_TENANT/mail/search" "$agent_token"
        # The plan the runtime role gets, under row-level security, for MailStore.search's statement.
        psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -v tenant="$tenant" >"$LOG_DIR/mail-search-plan.txt" 2>&1 <<'SQL' \
            || { show_log "$LOG_DIR/mail-search-plan.txt"; die "explaining the mail search failed"; }
BEGIN;
SELECT set_config('app.tenant_id', :'tenant', true) \g /dev/null
EXPLAIN (ANALYZE, BUFFERS)
SELECT i.id, i.registry_number, i.direction, i.registered_at, i.subject, i.correspondent ->> 'name', i.document_type,
       i.priority, i.confidentiality, i.status, i.principal_unit, i.due_on::text, i.received_at
FROM mail.items i
WHERE i.tenant_id = :'tenant' AND i.search @@ (plainto_tsquery('simple', 'alaoui الرباط') && ''::tsquery)
  AND mail.can_see(i.confidentiality, i.access_units, i.access_agents, i.access_roles, 'agent:bench', '{}'::uuid[], '{mail.registrar}'::text[])
ORDER BY i.registered_at DESC, i.id DESC LIMIT 20;
COMMIT;
SQL
        if grep -q 'search_idx' "$LOG_DIR/mail-search-plan.txt"; then
            notes+=("mail: the search's plan, as the runtime role, uses the GIN index on items.search (.bench/logs/mail-search-plan.txt)")
        else
            notes+=("mail: the search's plan, as the runtime role under row-level security, does not use the GIN index on items.search: @@ (ts_match_vq) is not leakproof, so it cannot be an index condition ahead of the policy; it scans the tenant's items ($(sed -n 's/.*Execution Time: \(.*\)/\1/p' "$LOG_DIR/mail-search-plan.txt") for one rare pair; .bench/logs/mail-search-plan.txt)")
        fi
    else
        notes+=("mail: search not run (BENCH_MAIL_ITEMS=0)")
    fi

    # Registrations on one counter, then on twenty; pgbench on the same statements for each.
    expect_http mail-register POST "$gateway/v1/$MAIL_TENANT/mail/items" 201 -H "Authorization: Bearer $agent_token" \
        -H 'Content-Type: application/json' \
        --data "{\"direction\":\"incoming\",\"subject\":\"Essai avant la mesure\",\"correspondent\":{\"id\":\"$correspondent\"},\"document_type\":\"demande\"}"
    run_wrk mail_register_one "mail: registrations on one tenant's counter through the gateway" mail-register.lua "$gateway" "$one_file"
    run_pgbench pg_mail_register_one "pgbench mail registration on one counter (same statements, same round trips)" \
        mail-register.sql -D "tenant=$tenant" -D "correspondent=$correspondent"
    run_wrk mail_register_many "mail: registrations across $MAIL_TENANTS tenants at once through the gateway" mail-register.lua \
        "$gateway" "$tenants_file"
    # pgbench: one copy of the script per tenant, each reading its own variables, picked at random.
    local scripts=() variables=() n
    i=0
    while read -r slug agent_token correspondent; do
        i=$((i + 1))
        n="$(printf '%02d' "$i")"
        tenant="$(psql "$DATABASE_URL" -X -A -t -v ON_ERROR_STOP=1 -c "SELECT id FROM platform.tenants WHERE slug = '$slug'")"
        [[ "$tenant" =~ ^[0-9a-f-]{36}$ ]] || die "tenant $slug not found (got '$tenant')"
        sed -e "s/:tenant\b/:tenant_$n/g" -e "s/:correspondent\b/:correspondent_$n/g" "$SQL_DIR/mail-register.sql" >"$work_tmp/mail-register-$n.sql"
        if ((i > 1)); then scripts+=(-f "$work_tmp/mail-register-$n.sql"); fi
        variables+=(-D "tenant_$n=$tenant" -D "correspondent_$n=$correspondent")
    done <"$tenants_file"
    run_pgbench pg_mail_register_many "pgbench mail registration across $MAIL_TENANTS tenants (same statements, same round trips)" \
        "$work_tmp/mail-register-01.sql" "${scripts[@]}" "${variables[@]}"

    # Gapless: every counter's last number is the count of its entries, and their largest number.
    mail_gaps="$(psql "$DATABASE_ADMIN_URL" -X -q -A -t -v ON_ERROR_STOP=1 -c "
        SELECT count(*) FROM mail.registry_counters c
        LEFT JOIN LATERAL (SELECT count(*) AS entries, coalesce(max(sequence), 0) AS last FROM mail.registry_entries r
                           WHERE r.tenant_id = c.tenant_id AND r.direction = c.direction AND r.year = c.year) e ON true
        WHERE c.year = extract(year FROM now() AT TIME ZONE 'Africa/Casablanca')
          AND (e.entries <> c.last_sequence OR e.last <> c.last_sequence)")"
    local registered
    registered="$(psql "$DATABASE_ADMIN_URL" -X -q -A -t -v ON_ERROR_STOP=1 -c \
        "SELECT count(*) FROM mail.registry_entries WHERE year = extract(year FROM now() AT TIME ZONE 'Africa/Casablanca')")"
    notes+=("mail: $registered registrations this year across the $MAIL_TENANTS tenants (wrk and pgbench); counters whose last number is not the count and largest number of their entries: $mail_gaps")
    require_alive mail "$mail_pid"
    require_alive gateway-mail "$gateway_pid"
    rss[mail]="$(rss_mb "$mail_pid")"
    rss[gateway-mail]="$(rss_mb "$gateway_pid")"
    rss_order+=(mail gateway-mail)
    stop_server "$gateway_pid"
    stop_server "$mail_pid"
    mail_status="measured"
}

if ((run_mail)); then
    mail_started=$SECONDS
    run_mail_part
    mail_seconds=$((SECONDS - mail_started))
fi

# --- 6. report -----------------------------------------------------------------------------------
# ratio A B: A / B with three decimals, or empty when either is missing or B is zero.
ratio() {
    [[ -n "${1:-}" && -n "${2:-}" ]] || return 0
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 != 0) printf "%.3f", a / b }'
}
# percent R: a ratio as a whole percentage.
percent() {
    [[ -n "${1:-}" ]] || return 0
    awk -v r="$1" 'BEGIN { printf "%.0f %%", r * 100 }'
}
# compare VALUE OP LIMIT: "met" or "missed" (OP is >= <= <), "pending" without a value.
compare() {
    [[ -n "${1:-}" ]] || { echo pending; return 0; }
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
        ok = (op == ">=") ? (v >= l) : (op == "<=") ? (v <= l) : (v < l)
        print ok ? "met" : "missed" }'
}

kit_ratio="$(ratio "${run_rps[kit_read]:-}" "${run_rps[pg_read]:-}")"
submit_ratio="$(ratio "${run_rps[submit]:-}" "${run_rps[pg_insert]:-}")"
# cost WITH WITHOUT: the share of throughput lost, 1 - WITH / WITHOUT, or empty when either is missing.
cost() {
    [[ -n "${1:-}" && -n "${2:-}" ]] || return 0
    awk -v w="$1" -v o="$2" 'BEGIN { if (o + 0 > 0) printf "%.3f", 1 - w / o }'
}
token_cost="$(cost "${run_rps[track_bearer]:-}" "${run_rps[track]:-}")"
hop_cost="$(cost "${run_rps[track]:-}" "${run_rps[direct]:-}")"

# Targets: key, label, measured (shown), value (compared), operator, limit, goal (shown), and the
# verdict when there is no value (default pending).
target_labels=() target_shown=() target_verdicts=() target_goals=() target_keys=() target_values=()
add_target() {
    target_keys+=("$1")
    target_labels+=("$2")
    target_shown+=("${3:-—}")
    target_values+=("${4:-}")
    if [[ -n "${4:-}" ]]; then
        target_verdicts+=("$(compare "$4" "$5" "$6")")
    else
        target_verdicts+=("${8:-pending}")
    fi
    target_goals+=("$7")
}
if ((run_kit)); then
    add_target kit_vs_pgbench "kit primary-key read / pgbench (same transaction)" "$(percent "$kit_ratio")" "$kit_ratio" ">=" 0 "reported (issue 2)"
    target_verdicts[${#target_verdicts[@]} - 1]="reported"
fi
if ((run_stack)); then
    first_stack_target=${#target_keys[@]}
    add_target submit_vs_pgbench "submit through the gateway / pgbench insert" "$(percent "$submit_ratio")" "$submit_ratio" ">=" 0.60 "≥ 60 %"
    add_target track_rps "track through the gateway, req/s" "${run_rps[track]:-}" "${run_rps[track]:-}" ">=" 5000 "≥ 5,000 req/s"
    add_target track_p99 "track through the gateway, p99 (ms)" "${run_p99[track]:-}" "${run_p99[track]:-}" "<" 20 "< 20 ms"
    add_target gateway_hop "gateway hop: throughput lost vs straight to complaints" "$(percent "$hop_cost")" "$hop_cost" "<=" 0.15 "≤ 15 %" "not run"
    add_target token_verification "token verification: throughput lost with a bearer token vs anonymous" \
        "$(percent "$token_cost")" "$token_cost" "<" 0.10 "< 10 %"
    located_ratio="$(ratio "${run_rps[submit_located]:-}" "${run_rps[pg_insert_located]:-}")"
    add_target submit_located_vs_pgbench "submit with location and routing / pgbench same insert" "$(percent "$located_ratio")" \
        "$located_ratio" ">=" 0.50 "≥ 50 %"
    outbox_cost="$(cost "${run_rps[pg_insert_located_outbox]:-}" "${run_rps[pg_insert_located]:-}")"
    add_target outbox_cost "outbox: throughput the submission loses recording the acknowledgement and the event" \
        "$(percent "$outbox_cost")" "$outbox_cost" "<" 0.10 "< 10 %"
    add_target agent_list_p99 "agent's filtered list over 1M complaints, p99 (ms)" "${run_p99[agent_list]:-}" "${run_p99[agent_list]:-}" "<" 20 "< 20 ms"
    add_target agent_map_p99 "city map over 1M complaints, p99 (ms)" "${run_p99[agent_map]:-}" "${run_p99[agent_map]:-}" "<" 20 "< 20 ms"
    for name in complaints gateway; do
        add_target "rss_$name" "$name RSS after load (MB)" "${rss[$name]:-}" "${rss[$name]:-}" "<" 40 "< 40 MB"
    done
    if [[ "$stack_status" == "not run"* ]]; then
        for ((i = first_stack_target; i < ${#target_keys[@]}; i++)); do
            target_verdicts[i]="not run"
        done
    fi
fi
if ((run_appointments)); then
    add_target appointments_availability_p99 "appointments: availability, 30 days, 10 counters, p99 (ms)" \
        "${run_p99[appointments_availability]:-}" "${run_p99[appointments_availability]:-}" "<" 20 "< 20 ms"
    add_target appointments_overlaps "appointments: overlapping bookings of a counter after the booking run" \
        "$appointments_overlaps" "$appointments_overlaps" "<=" 0 "0"
fi
if ((run_mail)); then
    add_target mail_register_one_rps "mail: registrations on one tenant's counter through the gateway, req/s" \
        "${run_rps[mail_register_one]:-}" "${run_rps[mail_register_one]:-}" ">=" 100 "hundreds/s (≥ 100; one counter serialises them)"
    mail_many_ratio="$(ratio "${run_rps[mail_register_many]:-}" "${run_rps[pg_mail_register_many]:-}")"
    add_target mail_register_many_vs_pgbench "mail: registrations across $MAIL_TENANTS tenants through the gateway / pgbench same statements" \
        "$(percent "$mail_many_ratio")" "$mail_many_ratio" ">=" 0.50 "≥ 50 %"
    add_target mail_search_p99 "mail: full-text search over $MAIL_ITEMS items, p99 (ms)" "${run_p99[mail_search]:-}" \
        "${run_p99[mail_search]:-}" "<" 50 "< 50 ms" "$( ((MAIL_ITEMS > 0)) && echo pending || echo "not run")"
    add_target mail_counter_gaps "mail: counters with a gap or a surplus after the registration runs" "$mail_gaps" "$mail_gaps" "<=" 0 "0"
fi

commit="$(git -C "$GUICHET_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty=""
if [[ -n "$(git -C "$GUICHET_ROOT" status --porcelain 2>/dev/null)" ]]; then
    dirty=" (uncommitted changes)"
fi
when="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cores="$(nproc)"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
total_seconds=$((SECONDS - started_at))

# The Markdown report (also what is printed).
{
    echo "# make bench — $when"
    echo
    echo "Commit $commit$dirty; $cores cores (${cpu:-unknown CPU}); PostgreSQL 15, normal durability, fresh cluster."
    echo "wrk: $CONNECTIONS connections, $THREADS threads, ${WARMUP} s warm-up then ${DURATION} s measured, --latency."
    echo "pgbench: -c $CONNECTIONS -j $THREADS -M prepared -T $DURATION, as the runtime role (guichet_app)."
    echo "Executables log one JSON line per request (GUICHET_LOG_LEVEL=$LOG_LEVEL); the stack's run $STACK_LOOPS event loop(s) each, the service with ${BENCH_POOL_SIZE:-$CONNECTIONS} database connections."
    echo
    if ((${#run_order[@]} > 0)); then
        echo "| figure | tool | req/s | p50 ms | p99 ms | requests | errors |"
        echo "|---|---|--:|--:|--:|--:|--:|"
        for key in "${run_order[@]}"; do
            printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${run_label[$key]}" "${run_tool[$key]}" "${run_rps[$key]}" \
                "${run_p50[$key]}" "${run_p99[$key]}" "${run_requests[$key]}" "${run_errors[$key]}"
        done
    else
        echo "No figure was measured."
    fi
    if ((${#rss_order[@]} > 0)); then
        echo
        echo "| process | RSS after load (MB) |"
        echo "|---|--:|"
        for name in "${rss_order[@]}"; do
            printf '| %s | %s |\n' "$name" "${rss[$name]}"
        done
    fi
    if ((${#target_keys[@]} > 0)); then
        echo
        echo "| target | measured | goal | verdict |"
        echo "|---|--:|---|---|"
        for i in "${!target_keys[@]}"; do
            printf '| %s | %s | %s | %s |\n' "${target_labels[$i]}" "${target_shown[$i]}" "${target_goals[$i]}" "${target_verdicts[$i]}"
        done
    fi
    echo
    echo "Kit: $kit_status. Stack: $stack_status. pgbench insert: $insert_status. Appointments: $appointments_status. Mail: $mail_status."
    for note in "${notes[@]}"; do
        echo "- $note"
    done
    echo
    echo "Time: ${total_seconds} s in all (build and setup ${setup_seconds} s, of which build ${build_seconds} s; kit ${kit_seconds:-0} s; stack ${stack_seconds:-0} s; appointments ${appointments_seconds:-0} s; mail ${mail_seconds:-0} s)."
} >"$OUT/results.md"

# json_string TEXT: TEXT as a JSON string.
json_string() {
    local s="$1"
    s="${s//\\/\\\\}"
    s="${s//\"/\\\"}"
    s="${s//$'\t'/\\t}"
    s="${s//$'\n'/\\n}"
    printf '"%s"' "$s"
}
# json_number TEXT: TEXT, or null when empty.
json_number() {
    if [[ -n "${1:-}" ]]; then printf '%s' "$1"; else printf 'null'; fi
}

{
    printf '{\n  "date": %s,\n  "commit": %s,\n  "uncommitted_changes": %s,\n' "$(json_string "$when")" \
        "$(json_string "$commit")" "$([[ -n "$dirty" ]] && echo true || echo false)"
    printf '  "machine": {"cores": %s, "cpu": %s},\n' "$cores" "$(json_string "$cpu")"
    printf '  "settings": {"duration_s": %s, "warmup_s": %s, "connections": %s, "threads": %s, "log_level": %s, "track_codes": %s, "kit_items": %s, "kit_tenants": %s, "mail_items": %s},\n' \
        "$DURATION" "$WARMUP" "$CONNECTIONS" "$THREADS" "$(json_string "$LOG_LEVEL")" "$TRACK_CODES" "$KIT_ITEMS" "$KIT_TENANTS" "$MAIL_ITEMS"
    printf '  "status": {"kit": %s, "stack": %s, "pgbench_insert": %s, "appointments": %s, "mail": %s},\n' "$(json_string "$kit_status")" \
        "$(json_string "$stack_status")" "$(json_string "$insert_status")" "$(json_string "$appointments_status")" "$(json_string "$mail_status")"
    printf '  "runs": {'
    separator=""
    for key in "${run_order[@]}"; do
        printf '%s\n    %s: {"label": %s, "tool": %s, "requests_per_second": %s, "p50_ms": %s, "p99_ms": %s, "requests": %s, "errors": %s}' \
            "$separator" "$(json_string "$key")" "$(json_string "${run_label[$key]}")" "$(json_string "${run_tool[$key]}")" \
            "${run_rps[$key]}" "${run_p50[$key]}" "${run_p99[$key]}" "${run_requests[$key]}" "${run_errors[$key]}"
        separator=","
    done
    printf '\n  },\n  "rss_mb": {'
    separator=""
    for name in "${rss_order[@]}"; do
        printf '%s%s: %s' "$separator" "$(json_string "$name")" "${rss[$name]}"
        separator=", "
    done
    printf '},\n  "ratios": {"kit_read_vs_pgbench": %s, "submit_vs_pgbench_insert": %s, "gateway_hop_cost": %s, "token_verification_cost": %s, "mail_register_many_vs_pgbench": %s},\n' \
        "$(json_number "$kit_ratio")" "$(json_number "$submit_ratio")" "$(json_number "$hop_cost")" "$(json_number "$token_cost")" \
        "$(json_number "${mail_many_ratio:-}")"
    printf '  "targets": {'
    separator=""
    for i in "${!target_keys[@]}"; do
        printf '%s\n    %s: {"label": %s, "value": %s, "goal": %s, "verdict": %s}' "$separator" \
            "$(json_string "${target_keys[$i]}")" "$(json_string "${target_labels[$i]}")" "$(json_number "${target_values[$i]}")" \
            "$(json_string "${target_goals[$i]}")" "$(json_string "${target_verdicts[$i]}")"
        separator=","
    done
    printf '\n  },\n  "notes": ['
    separator=""
    for note in "${notes[@]}"; do
        printf '%s%s' "$separator" "$(json_string "$note")"
        separator=", "
    done
    printf '],\n  "seconds": {"total": %s, "build": %s, "setup": %s, "kit": %s, "stack": %s, "appointments": %s, "mail": %s}\n}\n' \
        "$total_seconds" "$build_seconds" "$setup_seconds" "${kit_seconds:-0}" "${stack_seconds:-0}" "${appointments_seconds:-0}" \
        "${mail_seconds:-0}"
} >"$OUT/results.json"

echo
cat -- "$OUT/results.md"
echo
info "results in .bench/results.md and .bench/results.json; logs in .bench/logs/"
if [[ -n "$stack_failure" ]]; then
    die "part of the stack benchmark could not run: $stack_failure"
fi
