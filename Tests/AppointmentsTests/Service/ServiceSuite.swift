import Testing

/// The service's tests over HTTP, one at a time: each starts a service of its own (its own clock
/// and connection pool) and sends up to hundreds of requests at once, which the shared test
/// database serves best one test after the other.
@Suite("Appointments service over HTTP", .serialized)
struct ServiceSuite {}
