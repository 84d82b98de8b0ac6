import Dispatch
import Glibc
import GuichetCore
import GuichetIO
import Synchronization

/// The whole `main` of a Guichet executable: read the configuration, migrate, serve, and drain on
/// SIGTERM or SIGINT (a second signal exits at once).
public enum ServiceMain {
    /// Runs `definition` until a termination signal; exits the process with 0 after a clean drain,
    /// 1 when the service could not start, 2 on a configuration error.
    public static func run(_ definition: ServiceDefinition) -> Never {
        let environment = Environment.process
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration.read(from: environment, defaultPort: definition.defaultPort)
        } catch {
            FileDescriptorLogSink.standardError.write(Array("\(definition.name): invalid configuration: \(error)\n".utf8))
            exit(2)
        }
        let logger = Logger(configuration: Logger.Configuration(minimumLevel: configuration.logLevel))
        let finished = DispatchSemaphore(value: 0)
        let exitCode = Mutex<Int32>(0)
        Task {
            do {
                let service = try await RunningService.start(
                    definition, configuration: configuration, environment: environment, logger: logger)
                await waitForTermination(on: service.runtime.group.loops[0])
                service.runtime.logger.info("draining")
                await service.stop()
            } catch {
                logger.error("could not start", ["service": .string(definition.name), "error": .string(String(describing: error))])
                exitCode.withLock { $0 = 1 }
            }
            finished.signal()
        }
        finished.wait()
        exit(exitCode.withLock { $0 })
    }

    /// Returns at the first SIGTERM or SIGINT; a second one ends the process immediately.
    private static func waitForTermination(on loop: EventLoop) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute {
                var received = 0
                do {
                    // The watcher stays registered with the loop (which keeps it alive) for the
                    // rest of the process.
                    _ = try TerminationSignals(loop: loop) { _ in
                        received += 1
                        if received == 1 {
                            continuation.resume()
                        } else {
                            _exit(130)
                        }
                    }
                } catch {
                    continuation.resume()
                }
            }
        }
    }
}
