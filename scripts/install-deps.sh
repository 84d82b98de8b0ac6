#!/usr/bin/env bash
# Installs what Guichet needs to build, run and test, and only what is missing.
# A fast no-op when everything is there (no apt-get update, no network).
#
#   Debian packages: the C libraries the package links (libpq, OpenSSL, http_parser), PostgreSQL 15
#                    with PostGIS 3 and contrib, wrk (benchmarks), python3-aiosmtpd (an SMTP sink for
#                    email tests), curl (readiness checks), python3-pip, poppler-utils (pdftotext: the
#                    mail service extracts the text layer of scanned PDFs for search).
#   PyPI:            openapi-spec-validator (OpenAPI validation in tests), and aiosmtpd when the python3
#                    on PATH is not Debian's (pyenv) and so does not see python3-aiosmtpd.
#
# Set GUICHET_SKIP_DEPS=1 to skip the whole step (offline machines that are known to be ready).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ "${GUICHET_SKIP_DEPS:-0}" == 1 ]]; then
    exit 0
fi

# The Swift toolchain is not a Debian package: it must already be there.
if ! command -v swift >/dev/null 2>&1; then
    die "the Swift toolchain was not found: install Swift 6.3 (expected at /opt/swift/usr/bin/swift) and put it on PATH"
fi
if ! swift_version="$(swift --version 2>/dev/null)"; then
    die "'swift --version' failed: the Swift toolchain at $(command -v swift) is broken"
fi
if [[ "$swift_version" != *"Swift version 6."* ]]; then
    die "Swift 6 is required; found: $(head -n 1 <<<"$swift_version")"
fi

apt_packages=(
    libpq-dev
    libssl-dev
    libhttp-parser-dev
    postgresql-15
    postgresql-15-postgis-3
    postgresql-contrib
    wrk
    python3-aiosmtpd
    python3-pip
    curl
    poppler-utils
)

# Packages whose status is not "install ok installed".
missing=()
for package in "${apt_packages[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} > 0)); then
    sudo=()
    if ! is_root; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            die "missing Debian packages: ${missing[*]}; install them as root: apt-get install ${missing[*]}"
        fi
    fi
    info "installing Debian packages: ${missing[*]}"
    apt_options=(-y -q -o DPkg::Lock::Timeout=300 --no-install-recommends)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_options[@]}" "${missing[@]}" >/dev/null
fi

command -v python3 >/dev/null 2>&1 || die "python3 is missing (apt-get install python3)"

# pip_install PACKAGE: installs PACKAGE for the python3 on PATH. A Debian python3 is "externally
# managed" (PEP 668): there, pip needs --break-system-packages (it installs under /usr/local).
pip_install() {
    local log
    log="$(mktemp)"
    info "installing $1 from PyPI for $(command -v python3)"
    if python3 -m pip install --quiet --disable-pip-version-check "$1" >"$log" 2>&1; then
        rm -f -- "$log"
        return 0
    fi
    if grep -q externally-managed-environment "$log" \
        && python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "$1" >"$log" 2>&1; then
        rm -f -- "$log"
        return 0
    fi
    cat -- "$log" >&2
    rm -f -- "$log"
    die "pip could not install $1"
}

if ! python3 -c 'import openapi_spec_validator' >/dev/null 2>&1; then
    pip_install openapi-spec-validator
fi
if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    pip_install aiosmtpd
fi
