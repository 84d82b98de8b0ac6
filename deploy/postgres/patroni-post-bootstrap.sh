#!/usr/bin/env bash
# Patroni's bootstrap.post_bootstrap hook (install as /etc/patroni/guichet-post-bootstrap.sh, with
# bootstrap.sql beside it): creates Guichet's roles, database and extensions on a new cluster.
# Patroni passes a superuser connection URL as $1 and sets PGPASSFILE.
# GUICHET_DB_OWNER_PASSWORD and GUICHET_DB_APP_PASSWORD must be in Patroni's environment.
set -euo pipefail

: "${1:?usage: $0 <superuser connection URL>}"
: "${GUICHET_DB_OWNER_PASSWORD:?set GUICHET_DB_OWNER_PASSWORD in the environment of Patroni}"
: "${GUICHET_DB_APP_PASSWORD:?set GUICHET_DB_APP_PASSWORD in the environment of Patroni}"

exec psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sql"
