import Dispatch

/// Runs blocking work (files, child processes) on a dispatch queue, never on an event loop or a
/// thread of Swift's cooperative pool, and resumes the caller with its result.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "guichet.mail.blocking", qos: .utility, attributes: .concurrent)

    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
