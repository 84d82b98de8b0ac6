import Dispatch

/// Runs blocking conversations (SMTP, HTTPS, name resolution) on threads of their own — never on
/// an event loop or Swift's cooperative pool, which a blocked thread would starve.
enum BlockingWork {
    /// A concurrent queue: each conversation occupies one of its threads while it runs; the
    /// outbox dispatcher's concurrency bounds how many run at once.
    static let queue = DispatchQueue(label: "guichet.notifications.blocking", attributes: .concurrent)

    /// The result of `body`, run on the blocking queue.
    static func run<Value: Sendable, Failure: Error>(_ body: @escaping @Sendable () throws(Failure) -> Value) async throws(Failure) -> Value {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
            queue.async {
                do throws(Failure) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
