# shellcheck shell=bash
# Helpers shared by the scripts in this directory. Source it; do not run it.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# It sets GUICHET_ROOT (the repository root, absolute; not exported), adds /usr/sbin and /sbin to
# PATH when missing, and puts the Swift toolchain at /opt/swift on PATH when it exists and PATH lacks it.

# shellcheck disable=SC2034  # used by the scripts that source this file
GUICHET_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

# runuser, initdb's helpers and the like live in sbin, which a minimal PATH may lack.
for sbin in /usr/sbin /sbin; do
    if [[ ":$PATH:" != *":$sbin:"* && -d "$sbin" ]]; then
        PATH="$PATH:$sbin"
    fi
done
export PATH

if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    PATH="/opt/swift/usr/bin:$PATH"
    export PATH
fi

# The name of the calling script, for messages.
GUICHET_SCRIPT="$(basename "${BASH_SOURCE[1]:-$0}")"

# info MESSAGE...: a progress line on stderr (stdout stays for machine-readable output).
info() {
    printf '%s: %s\n' "$GUICHET_SCRIPT" "$*" >&2
}

# die MESSAGE...: an error line on stderr, then exit 1.
die() {
    printf '%s: error: %s\n' "$GUICHET_SCRIPT" "$*" >&2
    exit 1
}

# is_root: true when running as uid 0.
is_root() {
    [[ "$(id -u)" -eq 0 ]]
}

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on right now.
# (Another process may take it before we bind it: callers retry on failure.)
free_port() {
    python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}
