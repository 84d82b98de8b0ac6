import Dispatch
import Glibc
import Synchronization

extension AuditCommand {
    /// Runs the command from an executable's `main` and exits with its status. The work runs in a
    /// detached task while the main thread waits: top-level code belongs to the main actor, and a
    /// task inheriting it would wait for the thread this function blocks.
    public static func runAndExit(arguments: [String]) -> Never {
        let done = DispatchSemaphore(value: 0)
        let status = Mutex<Int32>(0)
        Task.detached {
            let code = await run(arguments: arguments)
            status.withLock { $0 = code }
            done.signal()
        }
        done.wait()
        exit(status.withLock { $0 })
    }
}
