import Dispatch
import Gateway
import Glibc
import GuichetPlatform
import Synchronization

// `gateway context-token <slug>` prints a context token for calling a service directly; with no
// arguments the gateway serves.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "context-token" {
    let done = DispatchSemaphore(value: 0)
    let status = Mutex<Int32>(0)
    Task {
        let code = await ContextTokenCommand.run(arguments: Array(arguments.dropFirst()))
        status.withLock { $0 = code }
        done.signal()
    }
    done.wait()
    exit(status.withLock { $0 })
}
ServiceMain.run(Gateway.definition)
