import CGuichetLinux
import Glibc
import Synchronization

/// A fixed set of event loops, one thread each — by default one per core.
///
/// Servers listen on every loop (the kernel spreads connections with `SO_REUSEPORT`); clients and
/// database pools keep per-loop connections so that work started on a loop stays on it.
public final class EventLoopGroup: Sendable {
    /// The loops, in index order.
    public let loops: [EventLoop]
    private let threads: Mutex<[pthread_t]>
    private let counter = Atomic<Int>(0)

    /// The number of cores the process may run on.
    public static var coreCount: Int {
        let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return max(1, Int(count))
    }

    /// Starts `loopCount` loops, each on its own thread.
    public init(loopCount: Int = EventLoopGroup.coreCount) throws(IOError) {
        precondition(loopCount > 0, "a group needs at least one loop")
        // A peer closing a socket mid-write must fail the write, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        var loops: [EventLoop] = []
        for index in 0..<loopCount {
            loops.append(try EventLoop(index: index))
        }
        self.loops = loops
        var threads: [pthread_t] = []
        for loop in loops {
            threads.append(try startThread(name: "loop-\(loop.index)") { loop.run() })
        }
        self.threads = Mutex(threads)
        // Wait until each loop has recorded its thread, so `inEventLoop` is right from the start.
        for loop in loops {
            while !loop.isRunning { sched_yield() }
        }
    }

    /// The next loop in round-robin order.
    public func next() -> EventLoop {
        let index = counter.add(1, ordering: .relaxed).oldValue
        return loops[index % loops.count]
    }

    /// The loop running the caller when it is one of this group's, else the next one.
    public func any() -> EventLoop {
        if let current = EventLoop.current, loops.contains(where: { $0 === current }) {
            return current
        }
        return next()
    }

    /// Stops every loop once its queued work has run, and waits for the threads to end.
    ///
    /// Call from a thread that is not one of the group's loops.
    public func shutdown() {
        precondition(EventLoop.current.map { loop in !loops.contains { $0 === loop } } ?? true,
                     "shutdown() called from one of the group's own loops")
        let threads = self.threads.withLock { threads in
            defer { threads.removeAll() }
            return threads
        }
        for loop in loops { loop.stop() }
        for thread in threads { pthread_join(thread, nil) }
    }
}

extension EventLoop {
    /// Whether the loop's thread has started running it.
    var isRunning: Bool { inEventLoopThreadRecorded }
}

/// Starts a joinable POSIX thread running `body`.
func startThread(name: String, _ body: @escaping @Sendable () -> Void) throws(IOError) -> pthread_t {
    final class Box {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
    let box = Unmanaged.passRetained(Box(name: name, body: body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { argument in
        let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
        _ = guichet_set_thread_name(String(box.name.prefix(15)))
        box.body()
        return nil
    }, box)
    if result != 0 {
        Unmanaged<Box>.fromOpaque(box).release()
        throw IOError("pthread_create", errorCode: result)
    }
    return thread
}
