// Placeholder until the service's first type lands.
