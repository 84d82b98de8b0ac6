#!/usr/bin/env bash
# `make test`: builds the tests (warnings are errors), starts a throwaway PostgreSQL on a free port in
# a temporary directory, runs `swift test`, and stops and removes the cluster whatever happened.
#
# The tests find their database and helpers through:
#   GUICHET_TEST_DATABASE_URL        the runtime role (guichet_app), TCP
#   GUICHET_TEST_DATABASE_OWNER_URL  the owner role (guichet_owner), TCP
#   GUICHET_TEST_DATABASE_ADMIN_URL  the superuser, over the cluster's unix socket
#   GUICHET_TEST_PG_SCRIPT           absolute path of scripts/pg.sh (for private clusters of their own)
#   GUICHET_REPO_ROOT                absolute path of the repository
# DATABASE_URL, DATABASE_OWNER_URL and DATABASE_ADMIN_URL are unset, so that no test reaches a
# developer's database by accident. GUICHET_PG_FAST=1 is exported: this cluster and the ones the
# tests start with pg.sh run with fsync, synchronous_commit and full_page_writes off.
#
# Environment:
#   SWIFT_TEST_ARGS         extra arguments for `swift test`, split on spaces (e.g. "--filter CoreTests")
#   GUICHET_KEEP_TEST_DATA  1 keeps the temporary directory (and prints where it is)
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$GUICHET_ROOT"

PG_SCRIPT="$GUICHET_ROOT/scripts/pg.sh"
work_dir=""
cluster=""

# Called by the EXIT trap only (shellcheck 0.9 cannot see that and calls the body unreachable).
# shellcheck disable=SC2317
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$cluster" ]]; then
        "$PG_SCRIPT" stop "$cluster" || info "could not stop the test cluster in $cluster"
    fi
    if [[ -n "$work_dir" ]]; then
        if [[ "${GUICHET_KEEP_TEST_DATA:-0}" == 1 ]]; then
            info "kept the test data in $work_dir"
        else
            rm -rf -- "$work_dir"
        fi
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$GUICHET_ROOT/scripts/install-deps.sh"

info "building the tests (swift build --build-tests -Xswiftc -warnings-as-errors)"
swift build --build-tests -Xswiftc -warnings-as-errors

export GUICHET_PG_FAST=1
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/guichet-test.XXXXXX")"
# Ports can be taken between choosing and binding: try a few.
for attempt in 1 2 3; do
    port="$(free_port)"
    cluster="$work_dir/pg"
    if "$PG_SCRIPT" start "$cluster" "$port"; then
        break
    fi
    "$PG_SCRIPT" stop "$cluster" || true
    rm -rf -- "$cluster"
    cluster=""
    ((attempt < 3)) || die "could not start a test PostgreSQL"
    info "retrying on another port"
done
info "test PostgreSQL on 127.0.0.1:$port ($cluster)"

eval "$("$PG_SCRIPT" env "$cluster" "$port")"
export GUICHET_TEST_DATABASE_URL="$DATABASE_URL"
export GUICHET_TEST_DATABASE_OWNER_URL="$DATABASE_OWNER_URL"
export GUICHET_TEST_DATABASE_ADMIN_URL="$DATABASE_ADMIN_URL"
unset DATABASE_URL DATABASE_OWNER_URL DATABASE_ADMIN_URL
export GUICHET_TEST_PG_SCRIPT="$PG_SCRIPT"
export GUICHET_REPO_ROOT="$GUICHET_ROOT"

test_args=()
if [[ -n "${SWIFT_TEST_ARGS:-}" ]]; then
    read -r -a test_args <<<"$SWIFT_TEST_ARGS"
fi

status=0
swift test --skip-build "${test_args[@]}" || status=$?
exit "$status"
