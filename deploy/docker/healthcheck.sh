#!/usr/bin/env bash
# Container health check (the image has no curl): GET <path> (default /readyz) on this container's own
# port, GUICHET_PORT (default 8080), must answer 200. Exit 0 healthy, 1 not.
set -euo pipefail

port="${GUICHET_PORT:-8080}"
path="${1:-/readyz}"

exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nUser-Agent: guichet-healthcheck\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
status_line=""
IFS= read -r -t 3 status_line <&3 || true
exec 3<&-
[[ "$status_line" =~ ^HTTP/1\.[01]\ 200[[:space:]] ]]
