#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for Guichet, in a directory of its own, on a port of its own.
#
#   scripts/pg.sh start  <dir> <port>   initdb if needed, start (waits until ready), bootstrap; quiet
#   scripts/pg.sh stop   <dir>          fast shutdown of the cluster in <dir> only (no-op if not running)
#   scripts/pg.sh status <dir>          one line; exit 0 running, 3 stopped, 4 no cluster in <dir>
#   scripts/pg.sh env    <dir> <port>   prints export lines for DATABASE_URL, DATABASE_OWNER_URL and
#                                       DATABASE_ADMIN_URL (use: eval "$(scripts/pg.sh env <dir> <port>)")
#
# Layout of <dir> (created if missing):
#   data/            the data directory (PGDATA)
#   socket/          the unix socket directory (a short /tmp/guichet-pg-<hash> when <dir> is too deep)
#   postgresql.log   the server log
#
# Several clusters may run at once, each with its own <dir> and <port>. The cluster listens on
# 127.0.0.1 only; the roles guichet_owner and guichet_app log in with scram-sha-256 over TCP; the
# superuser postgres has no password and connects only through the unix socket, whose directory
# only the cluster's owner (and root) may enter.
#
# When run as root, PostgreSQL runs as the system user postgres, which then owns <dir>; otherwise it
# runs as the calling user.
#
# Environment:
#   GUICHET_PG_STOP_MODE         pg_ctl's shutdown mode for `stop` (default fast; tests use immediate,
#                                which stops the server as a crash would)
#   GUICHET_PG_FAST=1            fsync, synchronous_commit and full_page_writes off: for throwaway test
#                                clusters only (a crash of the machine may corrupt the data)
#   GUICHET_DB_OWNER_PASSWORD    password of guichet_owner (default guichet_owner)
#   GUICHET_DB_APP_PASSWORD      password of guichet_app (default guichet_app)
#   PG_BINDIR                    PostgreSQL's programs (default /usr/lib/postgresql/15/bin)
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_BINDIR="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
BOOTSTRAP_SQL="$GUICHET_ROOT/deploy/postgres/bootstrap.sql"
SUPERUSER=postgres

usage() {
    cat >&2 <<'EOF'
usage: scripts/pg.sh start  <dir> <port>
       scripts/pg.sh stop   <dir>
       scripts/pg.sh status <dir>
       scripts/pg.sh env    <dir> <port>
EOF
    exit 2
}

# as_owner COMMAND...: runs COMMAND as the user that owns the cluster, from a neutral directory.
as_owner() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# urlencode STRING: percent-encodes everything but RFC 3986 unreserved characters (and '/' if $2 is "path").
urlencode() {
    local string="$1" keep_slash="${2:-}" out="" char i
    local LC_ALL=C
    for ((i = 0; i < ${#string}; i++)); do
        char="${string:i:1}"
        case "$char" in
            [A-Za-z0-9._~-]) out+="$char" ;;
            /) if [[ "$keep_slash" == path ]]; then out+="/"; else out+="%2F"; fi ;;
            *) printf -v char '%%%02X' "'$char"; out+="$char" ;;
        esac
    done
    printf '%s' "$out"
}

check_port() {
    if ! [[ "$1" =~ ^[0-9]{4,5}$ ]] || (("10#$1" < 1024 || "10#$1" > 65535)); then
        die "port must be a number in 1024…65535, got '$1'"
    fi
}

check_binaries() {
    [[ -x "$PG_BINDIR/initdb" && -x "$PG_BINDIR/pg_ctl" && -x "$PG_BINDIR/psql" ]] \
        || die "PostgreSQL 15 programs not found in $PG_BINDIR (run scripts/install-deps.sh, or set PG_BINDIR)"
    if is_root; then
        getent passwd postgres >/dev/null || die "running as root needs the system user 'postgres' (apt-get install postgresql-15)"
        command -v runuser >/dev/null 2>&1 || die "running as root needs runuser (util-linux) to run PostgreSQL as 'postgres'"
    fi
}

# set_paths DIR [PORT]: sets AREA, PGDATA_DIR, LOG_FILE, SOCKET_DIR (absolute).
set_paths() {
    AREA="$(realpath -m -- "$1")"
    PGDATA_DIR="$AREA/data"
    LOG_FILE="$AREA/postgresql.log"
    SOCKET_DIR="$AREA/socket"
    # A unix socket path holds at most 107 bytes: ".s.PGSQL.65535" needs 15 of them.
    if ((${#SOCKET_DIR} > 90)); then
        SOCKET_DIR="/tmp/guichet-pg-$(printf '%s' "$AREA" | sha256sum | cut -c1-16)"
    fi
}

# The port a running postmaster listens on (line 4 of postmaster.pid), or nothing.
running_port() {
    if [[ -r "$PGDATA_DIR/postmaster.pid" ]]; then
        sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true
    fi
}

is_running() {
    [[ -f "$PGDATA_DIR/PG_VERSION" ]] && as_owner "$PG_BINDIR/pg_ctl" status -D "$PGDATA_DIR" >/dev/null 2>&1
}

# make_dir PATH: creates PATH (mode 0700) owned by the cluster's user.
make_dir() {
    mkdir -p -- "$1"
    if is_root; then
        chown postgres:postgres -- "$1"
    fi
    chmod 0700 -- "$1"
}

# When root, the postgres user must be able to reach <dir>: grant search (x) permission on the
# ancestors that deny it (a mktemp directory is 0700, for instance). Nothing is made readable.
open_path_for_postgres() {
    is_root || return 0
    local parent dir
    parent="$(dirname -- "$AREA")"
    runuser -u postgres -- test -x "$parent" 2>/dev/null && return 0
    local -a chain=()
    dir="$parent"
    while [[ "$dir" != / ]]; do
        chain=("$dir" "${chain[@]}")
        dir="$(dirname -- "$dir")"
    done
    for dir in "${chain[@]}"; do
        if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
            # Said aloud except for temporary directories, where it is routine.
            if [[ "$dir" != /tmp && "$dir" != /tmp/* && "$dir" != "${TMPDIR:-/tmp}"/* ]]; then
                info "granting search permission (o+x) on $dir so that the postgres user can reach $AREA"
            fi
            chmod o+x -- "$dir"
        fi
    done
    runuser -u postgres -- test -x "$parent" 2>/dev/null \
        || die "the postgres user cannot reach $parent; choose a directory it can traverse"
}

write_config() {
    local port="$1" fast="${GUICHET_PG_FAST:-0}"
    local conf="$PGDATA_DIR/guichet.conf"
    {
        echo "# Written by scripts/pg.sh on every start: edit the script, not this file."
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$SOCKET_DIR'"
        echo "unix_socket_permissions = 0700"
        echo "max_connections = 200"
        echo "shared_buffers = 256MB"
        echo "password_encryption = 'scram-sha-256'"
        if [[ "$fast" == 1 ]]; then
            echo "# GUICHET_PG_FAST=1: a throwaway test cluster; durability traded for speed."
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } | as_owner tee "$conf" >/dev/null
}

# initialize: initdb and Guichet's pg_hba.conf and include line, in a scratch directory renamed to
# data/ only when complete (an interrupted initialisation leaves no half-made cluster behind).
initialize() {
    if [[ -e "$PGDATA_DIR" ]] && [[ -n "$(ls -A -- "$PGDATA_DIR" 2>/dev/null)" ]]; then
        die "$PGDATA_DIR exists, is not empty and holds no cluster"
    fi
    local scratch="$AREA/data.initdb"
    rm -rf -- "$scratch"
    make_dir "$scratch"
    if ! as_owner "$PG_BINDIR/initdb" -D "$scratch" -U "$SUPERUSER" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 --no-instructions >"$AREA/initdb.log" 2>&1; then
        tail -n 20 "$AREA/initdb.log" >&2
        rm -rf -- "$scratch"
        die "initdb failed in $scratch (full output in $AREA/initdb.log)"
    fi
    rm -f -- "$AREA/initdb.log"
    as_owner tee "$scratch/pg_hba.conf" >/dev/null <<EOF
# Written by scripts/pg.sh at initdb.
# TYPE  DATABASE  USER        ADDRESS        METHOD
# The superuser: only through the unix socket, whose directory is private to the cluster's owner.
local   all       $SUPERUSER                 trust
host    all       $SUPERUSER  127.0.0.1/32   reject
# Everybody else: a password, scram-sha-256.
local   all       all                        scram-sha-256
host    all       all         127.0.0.1/32   scram-sha-256
EOF
    printf '\n# Guichet settings (port, socket, sizes), rewritten by scripts/pg.sh on every start.\ninclude_if_exists = '\''guichet.conf'\''\n' \
        | as_owner tee -a "$scratch/postgresql.conf" >/dev/null
    if [[ -d "$PGDATA_DIR" ]]; then
        rmdir -- "$PGDATA_DIR"
    fi
    mv -- "$scratch" "$PGDATA_DIR"
}

bootstrap() {
    local port="$1"
    if ! PGOPTIONS='-c client_min_messages=warning' "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$SOCKET_DIR" -p "$port" -U "$SUPERUSER" -d postgres -f "$BOOTSTRAP_SQL" >/dev/null; then
        die "bootstrap ($BOOTSTRAP_SQL) failed on the cluster in $AREA"
    fi
}

cmd_start() {
    (($# == 2)) || usage
    local port="$2"
    check_port "$port"
    check_binaries
    set_paths "$1"

    mkdir -p -- "$AREA"
    if is_root; then
        chown postgres:postgres -- "$AREA"
    fi
    chmod 0700 -- "$AREA"
    open_path_for_postgres

    # One start at a time per cluster.
    exec 9>>"$AREA/pg.lock"
    flock 9

    if [[ -f "$PGDATA_DIR/PG_VERSION" ]]; then
        local expected actual
        expected="$(if is_root; then echo postgres; else id -un; fi)"
        actual="$(stat -c %U -- "$PGDATA_DIR")"
        [[ "$actual" == "$expected" ]] \
            || die "$PGDATA_DIR belongs to '$actual' but the cluster would run as '$expected' (run as root, or as '$actual')"
    else
        initialize
    fi

    make_dir "$SOCKET_DIR"

    if is_running; then
        local current
        current="$(running_port)"
        [[ "$current" == "$port" ]] \
            || die "the cluster in $AREA is already running on port $current, not $port (stop it first)"
    else
        write_config "$port"
        local output
        if ! output="$(as_owner "$PG_BINDIR/pg_ctl" start -D "$PGDATA_DIR" -l "$LOG_FILE" -w -t 60 -s 2>&1 9>&-)"; then
            [[ -z "$output" ]] || printf '%s\n' "$output" >&2
            tail -n 20 "$LOG_FILE" >&2 2>/dev/null || true
            die "PostgreSQL did not start in $AREA on port $port (log: $LOG_FILE)"
        fi
    fi
    bootstrap "$port"
}

cmd_stop() {
    (($# == 1)) || usage
    check_binaries
    set_paths "$1"
    [[ -f "$PGDATA_DIR/PG_VERSION" ]] || return 0
    is_running || return 0
    if ! as_owner "$PG_BINDIR/pg_ctl" stop -D "$PGDATA_DIR" -m "${GUICHET_PG_STOP_MODE:-fast}" -w -t 60 -s >/dev/null 2>&1; then
        info "fast shutdown did not finish in 60 s; trying immediate shutdown"
        as_owner "$PG_BINDIR/pg_ctl" stop -D "$PGDATA_DIR" -m immediate -w -t 30 -s >/dev/null 2>&1 \
            || die "could not stop the cluster in $AREA"
    fi
    # A socket directory outside <dir> (the short fallback) goes with the server.
    if [[ "$SOCKET_DIR" != "$AREA"/* ]]; then
        rmdir -- "$SOCKET_DIR" 2>/dev/null || true
    fi
}

cmd_status() {
    (($# == 1)) || usage
    check_binaries
    set_paths "$1"
    if [[ ! -f "$PGDATA_DIR/PG_VERSION" ]]; then
        echo "no cluster in $AREA"
        return 4
    fi
    if is_running; then
        echo "running: pid $(head -n 1 "$PGDATA_DIR/postmaster.pid"), port $(running_port), data $PGDATA_DIR"
        return 0
    fi
    echo "stopped: data $PGDATA_DIR"
    return 3
}

cmd_env() {
    (($# == 2)) || usage
    local port="$2"
    check_port "$port"
    set_paths "$1"
    local owner_password="${GUICHET_DB_OWNER_PASSWORD:-guichet_owner}"
    local app_password="${GUICHET_DB_APP_PASSWORD:-guichet_app}"
    local app owner admin
    app="postgresql://guichet_app:$(urlencode "$app_password")@127.0.0.1:$port/guichet"
    owner="postgresql://guichet_owner:$(urlencode "$owner_password")@127.0.0.1:$port/guichet"
    admin="postgresql://$SUPERUSER@/guichet?host=$(urlencode "$SOCKET_DIR" path)&port=$port"
    # Percent-encoding leaves no quote in the values: single quotes suffice for the shell.
    printf "export DATABASE_URL='%s'\n" "$app"
    printf "export DATABASE_OWNER_URL='%s'\n" "$owner"
    printf "export DATABASE_ADMIN_URL='%s'\n" "$admin"
}

(($# >= 1)) || usage
command="$1"
shift
case "$command" in
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    status) cmd_status "$@" ;;
    env) cmd_env "$@" ;;
    *) usage ;;
esac
