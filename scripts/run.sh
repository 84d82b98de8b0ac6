#!/usr/bin/env bash
# `make run`: the whole stack on this machine, in the foreground, until Ctrl-C.
#
#  1. installs what is missing (scripts/install-deps.sh) and builds in release mode;
#  2. starts a local PostgreSQL under .data/pg on port GUICHET_PG_PORT (default 54320), unless
#     DATABASE_URL is set: then that database is used, with DATABASE_OWNER_URL for migrations;
#  3. starts complaints (8081), appointments (8082), mail (8083) and gateway (8080) on 127.0.0.1,
#     each logging to .data/logs/<name>.log (the previous run's log is kept as <name>.log.1);
#  4. waits until each answers GET /readyz with 200 (GUICHET_READY_TIMEOUT seconds, default 120);
#  5. runs scripts/seed-demo.sh when it exists and is executable (the demo tenant), with
#     GUICHET_ADMIN_PASSWORD (the caller's, else one kept in .data/admin-password) and
#     GUICHET_GATEWAY_URL, DATABASE_URL, DATABASE_OWNER_URL and DATABASE_ADMIN_URL (superuser; empty
#     when DATABASE_URL came from outside and DATABASE_ADMIN_URL was not set) in its environment;
#  6. on Ctrl-C or SIGTERM stops the four processes (TERM, then KILL after GUICHET_STOP_GRACE seconds,
#     default 20) and the PostgreSQL it started. If one of the four exits by itself, the rest stop too.
#
# Other knobs: GUICHET_GATEWAY_PORT, GUICHET_COMPLAINTS_PORT, GUICHET_APPOINTMENTS_PORT,
# GUICHET_MAIL_PORT (the ports above); GUICHET_BIN_DIR (run the executables found there instead of
# building); every GUICHET_* / DATABASE_* setting of the README is passed through to the executables.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$GUICHET_ROOT"

GATEWAY_PORT="${GUICHET_GATEWAY_PORT:-8080}"
COMPLAINTS_PORT="${GUICHET_COMPLAINTS_PORT:-8081}"
APPOINTMENTS_PORT="${GUICHET_APPOINTMENTS_PORT:-8082}"
MAIL_PORT="${GUICHET_MAIL_PORT:-8083}"
PG_PORT="${GUICHET_PG_PORT:-54320}"
READY_TIMEOUT="${GUICHET_READY_TIMEOUT:-120}"
STOP_GRACE="${GUICHET_STOP_GRACE:-20}"
HOST=127.0.0.1
DATA_DIR="$GUICHET_ROOT/.data"
LOG_DIR="$DATA_DIR/logs"
PG_DIR="$DATA_DIR/pg"

# Start order: the services first, the gateway last. Parallel arrays: name, port, pid.
names=(complaints appointments mail gateway)
ports=("$COMPLAINTS_PORT" "$APPOINTMENTS_PORT" "$MAIL_PORT" "$GATEWAY_PORT")
pids=()
started_pg=0
stopping=0

stop_all() {
    local status="${1:-0}"
    ((stopping)) && return 0
    stopping=1
    trap - INT TERM
    local pid i alive
    if ((${#pids[@]} > 0)); then
        info "stopping ${names[*]}"
        for pid in "${pids[@]}"; do
            kill -TERM "$pid" 2>/dev/null || true
        done
        for ((i = 0; i < STOP_GRACE * 10; i++)); do
            alive=0
            for pid in "${pids[@]}"; do
                if kill -0 "$pid" 2>/dev/null; then
                    alive=1
                fi
            done
            ((alive)) || break
            sleep 0.1
        done
        for pid in "${pids[@]}"; do
            if kill -0 "$pid" 2>/dev/null; then
                info "pid $pid did not stop within ${STOP_GRACE}s: killing it"
                kill -KILL "$pid" 2>/dev/null || true
            fi
        done
        # Reap them (each one's exit status is of no further interest here).
        for pid in "${pids[@]}"; do
            wait "$pid" 2>/dev/null || true
        done
        pids=()
    fi
    if ((started_pg)); then
        info "stopping PostgreSQL ($PG_DIR)"
        "$GUICHET_ROOT/scripts/pg.sh" stop "$PG_DIR" || true
        started_pg=0
    fi
    exit "$status"
}

on_signal() {
    echo >&2
    stop_all 0
}

trap on_signal INT TERM
trap 'stop_all $?' EXIT

# show_log NAME: the last lines of NAME's log, indented, on stderr.
show_log() {
    local log="$LOG_DIR/$1.log"
    if [[ -s "$log" ]]; then
        echo "---- last lines of $log ----" >&2
        tail -n 40 -- "$log" | sed 's/^/  /' >&2
        echo "----" >&2
    else
        echo "($log is empty)" >&2
    fi
}

# --- 1. dependencies and build -------------------------------------------------------------------
"$GUICHET_ROOT/scripts/install-deps.sh"
if [[ -n "${GUICHET_BIN_DIR:-}" ]]; then
    BIN_DIR="$(realpath -- "$GUICHET_BIN_DIR")"
    info "using the executables in $BIN_DIR (GUICHET_BIN_DIR); not building"
else
    info "building (swift build -c release --static-swift-stdlib)"
    swift build -c release --static-swift-stdlib
    BIN_DIR="$(swift build -c release --static-swift-stdlib --show-bin-path)"
fi
for name in "${names[@]}"; do
    [[ -x "$BIN_DIR/$name" ]] || die "no executable $BIN_DIR/$name"
done

# --- 2. database ---------------------------------------------------------------------------------
if [[ -n "${DATABASE_URL:-}" ]]; then
    [[ -n "${DATABASE_OWNER_URL:-}" ]] || die "DATABASE_URL is set but DATABASE_OWNER_URL is not: the services migrate with the owner role"
    info "using the database of DATABASE_URL (no local PostgreSQL started)"
else
    mkdir -p -- "$DATA_DIR"
    if "$GUICHET_ROOT/scripts/pg.sh" status "$PG_DIR" >/dev/null 2>&1; then
        info "using the PostgreSQL already running in $PG_DIR (left running at exit)"
    else
        info "starting PostgreSQL in $PG_DIR on 127.0.0.1:$PG_PORT"
        started_pg=1
    fi
    "$GUICHET_ROOT/scripts/pg.sh" start "$PG_DIR" "$PG_PORT"
    eval "$("$GUICHET_ROOT/scripts/pg.sh" env "$PG_DIR" "$PG_PORT")"
fi
export DATABASE_URL DATABASE_OWNER_URL
# The superuser's URL is for the demo seeding only, never in the executables' environment.
admin_url="${DATABASE_ADMIN_URL:-}"
unset DATABASE_ADMIN_URL

# --- 3. the four executables ---------------------------------------------------------------------
for port in "${ports[@]}"; do
    if (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
        die "something already listens on $HOST:$port (another 'make run'?); stop it or set GUICHET_*_PORT"
    fi
done

mkdir -p -- "$LOG_DIR"
export GUICHET_HOST="$HOST"
export GUICHET_COMPLAINTS_URL="http://$HOST:$COMPLAINTS_PORT"
export GUICHET_APPOINTMENTS_URL="http://$HOST:$APPOINTMENTS_PORT"
export GUICHET_MAIL_URL="http://$HOST:$MAIL_PORT"

# The administrator's password: the caller's GUICHET_ADMIN_PASSWORD, or one made at the first run and
# kept in .data/admin-password (mode 0600), so the demo seeding and the user can sign in.
if [[ -z "${GUICHET_ADMIN_PASSWORD:-}" ]]; then
    password_file="$DATA_DIR/admin-password"
    if [[ ! -s "$password_file" ]]; then
        (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$password_file")
    fi
    GUICHET_ADMIN_PASSWORD="$(cat -- "$password_file")"
fi
export GUICHET_ADMIN_PASSWORD
export GUICHET_KEYS_DIR="${GUICHET_KEYS_DIR:-$DATA_DIR/keys}"

for i in "${!names[@]}"; do
    name="${names[$i]}"
    log="$LOG_DIR/$name.log"
    if [[ -e "$log" ]]; then
        mv -f -- "$log" "$log.1"
    fi
    # setsid: a terminal's Ctrl-C reaches this script only; the script stops the children in order.
    GUICHET_PORT="${ports[$i]}" setsid "$BIN_DIR/$name" </dev/null >>"$log" 2>&1 &
    pids+=("$!")
done

# --- 4. readiness --------------------------------------------------------------------------------
deadline=$((SECONDS + READY_TIMEOUT))
for i in "${!names[@]}"; do
    name="${names[$i]}"
    url="http://$HOST:${ports[$i]}/readyz"
    while :; do
        if ! kill -0 "${pids[$i]}" 2>/dev/null; then
            status=0
            wait "${pids[$i]}" 2>/dev/null || status=$?
            echo "$GUICHET_SCRIPT: error: $name exited with status $status before it was ready" >&2
            show_log "$name"
            stop_all 1
        fi
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -- "$url" 2>/dev/null || true)"
        [[ "$code" == 200 ]] && break
        if ((SECONDS >= deadline)); then
            echo "$GUICHET_SCRIPT: error: $name did not answer 200 on $url within ${READY_TIMEOUT}s (last answer: $(if [[ "${code:-000}" == 000 ]]; then echo "no connection"; else echo "HTTP $code"; fi))" >&2
            show_log "$name"
            stop_all 1
        fi
        sleep 0.2
    done
    info "$name is ready on $HOST:${ports[$i]}"
done

# --- 5. demo data --------------------------------------------------------------------------------
if [[ -x "$GUICHET_ROOT/scripts/seed-demo.sh" ]]; then
    info "seeding the demo tenant (scripts/seed-demo.sh)"
    GUICHET_GATEWAY_URL="http://$HOST:$GATEWAY_PORT" DATABASE_ADMIN_URL="$admin_url" "$GUICHET_ROOT/scripts/seed-demo.sh" \
        || { echo "$GUICHET_SCRIPT: error: scripts/seed-demo.sh failed" >&2; stop_all 1; }
fi

cat <<EOF

Guichet is running: gateway on http://$HOST:$GATEWAY_PORT (logs in .data/logs/).
The platform administrator is "admin"; its password is in .data/admin-password (or GUICHET_ADMIN_PASSWORD).
Try:
  curl -s http://$HOST:$GATEWAY_PORT/readyz
  curl -s http://$HOST:$GATEWAY_PORT/v1/platform/tenants
  curl -s -X POST http://$HOST:$GATEWAY_PORT/v1/demo/complaints -H 'Content-Type: application/json' \\
       -d '{"category":"roads","subject":"Nid-de-poule","description":"Un trou profond devant l école primaire.","language":"fr"}'
  curl -s http://$HOST:$GATEWAY_PORT/v1/demo/complaints/<tracking code from the answer above>
  curl -s -X POST http://$HOST:$GATEWAY_PORT/v1/auth/token -d grant_type=password -d username=admin \\
       --data-urlencode "password=\$(cat .data/admin-password)"
  curl -s http://$HOST:$GATEWAY_PORT/v1/openapi.json | jq '.paths | keys'
  curl -s http://$HOST:$GATEWAY_PORT/metrics
Stop with Ctrl-C.

EOF

# --- 6. until a signal, or until one of them exits ------------------------------------------------
while :; do
    for i in "${!names[@]}"; do
        if ! kill -0 "${pids[$i]}" 2>/dev/null; then
            status=0
            wait "${pids[$i]}" 2>/dev/null || status=$?
            echo "$GUICHET_SCRIPT: error: ${names[$i]} exited with status $status; stopping the others" >&2
            show_log "${names[$i]}"
            stop_all 1
        fi
    done
    # `wait -n` returns when any child exits, or at once when a trapped signal arrives.
    wait -n "${pids[@]}" 2>/dev/null || true
done
