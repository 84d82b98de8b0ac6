import GuichetPlatform

// `kit-bench-server`: the platform kit alone, for `make bench` (scripts/bench.sh). Configured like
// the services (GUICHET_PORT, DATABASE_URL, DATABASE_OWNER_URL, GUICHET_EVENT_LOOPS…); see
// KitBench.swift for its routes and BenchData.swift for the data it makes at start.
ServiceMain.run(KitBench.definition)
