# Guichet: the commands people and CI type. The work is done by the scripts in scripts/.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GUICHET_PG_PORT ?= 54320
PG_DIR := .data/pg

.PHONY: help run test bench build deps db-start db-stop db-status clean clean-data lint

help: ## List the targets.
	@echo "Guichet — make <target>:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)$$/  \1\t\2/' | expand -t 14

run: ## Install what is missing, build (release), start PostgreSQL and the four executables; Ctrl-C stops all.
	@scripts/run.sh

test: ## Install what is missing, build the tests, run swift test against a throwaway PostgreSQL.
	@scripts/test.sh

bench: ## Run the benchmarks (scripts/bench.sh).
	@if [[ ! -x scripts/bench.sh ]]; then \
		echo "make bench: scripts/bench.sh does not exist yet (or is not executable); no benchmark to run." >&2; \
		exit 1; \
	fi
	@scripts/bench.sh

build: ## Build the four executables in release mode, Swift runtime linked in as in the image (.build/release/).
	@scripts/install-deps.sh
	swift build -c release --static-swift-stdlib

deps: ## Install the missing Debian and PyPI packages (a no-op when all are there).
	@scripts/install-deps.sh

db-start: ## Start the development PostgreSQL (.data/pg, port GUICHET_PG_PORT=54320) and print its URLs.
	@scripts/install-deps.sh
	@scripts/pg.sh start $(PG_DIR) $(GUICHET_PG_PORT)
	@scripts/pg.sh env $(PG_DIR) $(GUICHET_PG_PORT)

db-stop: ## Stop the development PostgreSQL.
	@scripts/pg.sh stop $(PG_DIR)

db-status: ## Tell whether the development PostgreSQL runs.
	@scripts/pg.sh status $(PG_DIR) || true

clean: ## Remove build products and benchmark output (keeps .data/: the development database and logs).
	rm -rf .build .bench .test-data

clean-data: db-stop ## Stop the development PostgreSQL and remove .data/ (its database and the logs).
	rm -rf .data

lint: ## Check the shell scripts with shellcheck.
	@command -v shellcheck >/dev/null || { echo "make lint: shellcheck is missing (apt-get install shellcheck)" >&2; exit 1; }
	shellcheck -x scripts/*.sh .ci/run deploy/docker/*.sh deploy/postgres/*.sh
