# syntax=docker/dockerfile:1.7
# Guichet: one image with the four executables; the container's command picks which one runs:
#   docker run … guichet gateway | complaints | appointments | mail   (found on PATH)
# Build:  docker build -t guichet .      (docker compose build does the same)

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---- build: the official Swift image plus the C libraries' headers --------------------------------
FROM ${SWIFT_IMAGE} AS builder
# Unpinned on purpose: bookworm's packages, with its security updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpq-dev libssl-dev libhttp-parser-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# The whole package (Package.swift names the test and benchmark targets too, so their folders must be
# there to resolve it).
COPY Package.swift ./
COPY Shared ./Shared
COPY Services ./Services
COPY Tests ./Tests
COPY Benchmarks ./Benchmarks

# Static Swift runtime: the runtime image needs only the C libraries. Each executable finds its
# resource bundles (SQL migrations, Guichet_<Target>.resources) next to itself, so they are copied
# beside the binaries. swift-backtrace-static prints a symbolicated backtrace if a process crashes.
RUN --mount=type=cache,target=/src/.build,id=guichet-swift-build \
    for product in gateway complaints appointments mail; do \
        swift build -c release --static-swift-stdlib --product "$product" || exit 1; \
    done \
    && bin="$(swift build -c release --static-swift-stdlib --show-bin-path)" \
    && mkdir -p /out/bin \
    && cp "$bin/gateway" "$bin/complaints" "$bin/appointments" "$bin/mail" /out/bin/ \
    && cp -R "$bin"/*.resources /out/bin/ \
    && cp /usr/libexec/swift/linux/swift-backtrace-static /out/bin/

# ---- run: Debian slim, the runtime libraries, a non-root user ---------------------------------------
FROM ${RUNTIME_IMAGE}
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpq5 libssl3 libhttp-parser2.9 ca-certificates tzdata poppler-utils \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 guichet \
    && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin guichet \
    && install -d -o 10001 -g 10001 -m 0700 /var/lib/guichet/keys /var/lib/guichet/mail-documents

COPY --from=builder /out/bin/ /opt/guichet/bin/
COPY deploy/docker/healthcheck.sh /opt/guichet/bin/healthcheck

# In a container the executables listen on the container's own network interface; only the
# gateway's port is ever published (see docker-compose.yml). Keys and mail's documents live under
# /var/lib/guichet, on volumes; pdftotext (poppler-utils) extracts PDF text for mail's search. Every
# other setting: README, Configuration.
ENV PATH=/opt/guichet/bin:$PATH \
    GUICHET_HOST=0.0.0.0 \
    GUICHET_KEYS_DIR=/var/lib/guichet/keys \
    MAIL_STORAGE_DIR=/var/lib/guichet/mail-documents \
    SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/opt/guichet/bin/swift-backtrace-static

USER 10001:10001
WORKDIR /opt/guichet
EXPOSE 8080 8081 8082 8083
# SIGTERM starts the graceful drain (GUICHET_DRAIN_TIMEOUT_MS); give the container longer than that.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/opt/guichet/bin/healthcheck", "/readyz"]
CMD ["/opt/guichet/bin/gateway"]
