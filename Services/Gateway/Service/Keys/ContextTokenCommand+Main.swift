import Dispatch
import Glibc
import Synchronization

extension ContextTokenCommand {
    /// Runs a command (this one by default) from an executable's `main` and exits with its status. The work runs in a
    /// task while the main thread waits: top-level code belongs to the main actor, so the task must
    /// not need it.
    public static func runAndExit(
        arguments: [String], command: @escaping @Sendable ([String]) async -> Int32 = ContextTokenCommand.run
    ) -> Never {
        let done = DispatchSemaphore(value: 0)
        let status = Mutex<Int32>(0)
        Task.detached {
            let code = await command(arguments)
            status.withLock { $0 = code }
            done.signal()
        }
        done.wait()
        exit(status.withLock { $0 })
    }
}
