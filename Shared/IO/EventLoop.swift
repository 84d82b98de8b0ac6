import CGuichetLinux
import Glibc
import Synchronization

/// One thread that waits on epoll and runs everything that belongs to it: socket readiness callbacks,
/// timers, closures sent from other threads and — as a Swift `TaskExecutor` — the jobs of tasks that
/// prefer it.
///
/// A request handler runs as a task preferring the loop that accepted its connection; a database
/// query it awaits is sent on a connection registered with that same loop, and the continuation
/// resumes there. A request therefore crosses no thread from the first byte read to the last byte
/// written:
/// ```
///   epoll ─▶ HTTP connection ─▶ Task(executorPreference: loop) ─▶ await pool.query
///     ▲                                                               │ PQsendQueryPrepared
///     └──── PostgreSQL socket readable ◀──────────────────────────────┘
/// ```
/// Everything but `execute(_:)`, `enqueue(_:)`, `inEventLoop` and `stop()` must be called on the
/// loop's thread.
public final class EventLoop: TaskExecutor, CustomStringConvertible {
    /// The loop's number in its group, used in logs and metrics.
    public let index: Int

    private let selector: Selector
    /// Work sent from other threads; drained after every wait.
    private let remoteJobs = Mutex<[RemoteJob]>([])
    private let stopRequested = Atomic<Bool>(false)
    private let threadID = Atomic<UInt>(0)

    // Loop-confined state (read and written only on the loop's thread).
    private var pendingJobs: [LoopJob] = []
    private var runningJobs: [LoopJob] = []
    private var timers = TimerQueue()
    private var registrations: [Registration?] = []
    private var nextGeneration: UInt32 = 0

    private struct Registration {
        let handler: Selectable
        let generation: UInt32
        var interest: SelectorInterest
    }

    private enum LoopJob {
        case task(UnownedJob)
        case closure(() -> Void)
    }

    /// A job sent from another thread: only sendable work may cross.
    private enum RemoteJob: Sendable {
        case task(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    /// Creates a loop; it does nothing until `run()` is called on its thread.
    public init(index: Int = 0) throws(IOError) {
        self.index = index
        self.selector = try Selector()
    }

    public var description: String { "EventLoop(\(index))" }

    /// Whether the caller runs on this loop's thread.
    public var inEventLoop: Bool {
        threadID.load(ordering: .relaxed) == UInt(pthread_self())
    }

    /// Whether a thread has started running the loop.
    var inEventLoopThreadRecorded: Bool {
        threadID.load(ordering: .sequentiallyConsistent) != 0
    }

    /// Traps when called off the loop's thread: the guard of every loop-confined method.
    @inline(__always)
    public func preconditionInEventLoop(file: StaticString = #fileID, line: UInt = #line) {
        precondition(inEventLoop, "called off the event loop's thread", file: file, line: line)
    }

    /// The loop whose thread is running the caller, if any.
    public static var current: EventLoop? {
        guard let pointer = pthread_getspecific(currentLoopKey) else { return nil }
        return Unmanaged<EventLoop>.fromOpaque(pointer).takeUnretainedValue()
    }

    // MARK: Work from any thread

    /// Runs `body` on the loop's thread, soon.
    public func execute(_ body: @escaping @Sendable () -> Void) {
        if inEventLoop {
            pendingJobs.append(.closure(body))
        } else {
            submitRemotely(.closure(body))
        }
    }

    /// Runs a task's job (the `TaskExecutor` requirement).
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if inEventLoop {
            pendingJobs.append(.task(job))
        } else {
            submitRemotely(.task(job))
        }
    }

    private func submitRemotely(_ job: RemoteJob) {
        remoteJobs.withLock { $0.append(job) }
        selector.wakeUp()
    }

    /// Asks the loop to return from `run()` once the work already queued has run.
    public func stop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        selector.wakeUp()
    }

    // MARK: Loop-confined API

    /// Runs `body` after the current callback returns, on this loop (loop thread only).
    public func executeSoon(_ body: @escaping () -> Void) {
        preconditionInEventLoop()
        pendingJobs.append(.closure(body))
    }

    /// Calls `body` on the loop at `deadline` unless cancelled first.
    @discardableResult
    public func scheduleTimer(at deadline: Deadline, _ body: @escaping () -> Void) -> TimerID {
        preconditionInEventLoop()
        let id = timers.schedule(at: deadline, body)
        selector.arm(deadline)
        return id
    }

    /// Calls `body` on the loop after `delay` unless cancelled first.
    @discardableResult
    public func scheduleTimer(after delay: Duration, _ body: @escaping () -> Void) -> TimerID {
        scheduleTimer(at: .after(delay), body)
    }

    /// Cancels a timer that has not fired yet; does nothing otherwise.
    public func cancelTimer(_ id: TimerID) {
        preconditionInEventLoop()
        timers.cancel(id)
    }

    /// Watches `descriptor` and calls `handler` when it is ready for `interest`.
    public func register(_ descriptor: Int32, interest: SelectorInterest, handler: Selectable) throws(IOError) {
        preconditionInEventLoop()
        let slot = Int(descriptor)
        if slot >= registrations.count {
            registrations.append(contentsOf: repeatElement(nil, count: slot - registrations.count + 1))
        }
        precondition(registrations[slot] == nil, "descriptor \(descriptor) is already registered")
        nextGeneration &+= 1
        let registration = Registration(handler: handler, generation: nextGeneration, interest: interest)
        try selector.register(descriptor, interest: interest, token: Self.token(descriptor, nextGeneration))
        registrations[slot] = registration
    }

    /// Changes what `descriptor` is watched for; cheap when nothing changes.
    public func setInterest(_ interest: SelectorInterest, for descriptor: Int32) throws(IOError) {
        preconditionInEventLoop()
        let slot = Int(descriptor)
        guard slot < registrations.count, var registration = registrations[slot] else { return }
        guard registration.interest != interest else { return }
        registration.interest = interest
        registrations[slot] = registration
        try selector.reregister(
            descriptor, interest: interest, token: Self.token(descriptor, registration.generation))
    }

    /// Stops watching `descriptor` and releases its handler. Call before closing the descriptor.
    public func deregister(_ descriptor: Int32) {
        preconditionInEventLoop()
        let slot = Int(descriptor)
        guard slot < registrations.count, registrations[slot] != nil else { return }
        registrations[slot] = nil
        selector.deregister(descriptor)
    }

    private static func token(_ descriptor: Int32, _ generation: UInt32) -> UInt64 {
        UInt64(generation) << 32 | UInt64(UInt32(bitPattern: descriptor))
    }

    // MARK: Running

    /// Runs the loop on the calling thread until `stop()`.
    public func run() {
        threadID.store(UInt(pthread_self()), ordering: .sequentiallyConsistent)
        pthread_setspecific(currentLoopKey, Unmanaged.passUnretained(self).toOpaque())
        defer {
            pthread_setspecific(currentLoopKey, nil)
            threadID.store(0, ordering: .sequentiallyConsistent)
        }
        while true {
            let idle = pendingJobs.isEmpty && !stopRequested.load(ordering: .relaxed)
            do {
                try selector.wait(blocking: idle) { event in dispatch(event) }
            } catch {
                // epoll_wait only fails on programming errors (EBADF, EINVAL); keep the loop alive.
                continue
            }
            runExpiredTimers()
            takeRemoteJobs()
            runPendingJobs()
            if stopRequested.load(ordering: .relaxed) {
                takeRemoteJobs()
                runPendingJobs()
                if pendingJobs.isEmpty { return }
            }
        }
    }

    private func dispatch(_ event: SelectorEvent) {
        if event.token >= Selector.timerToken { return }
        let slot = Int(UInt32(truncatingIfNeeded: event.token))
        let generation = UInt32(truncatingIfNeeded: event.token >> 32)
        guard slot < registrations.count, let registration = registrations[slot],
            registration.generation == generation
        else { return }
        if event.isWritable || (event.isHangUp && registration.interest.contains(.writable)) {
            registration.handler.writable()
        }
        // The handler may have deregistered itself while writing; look again before reading.
        guard event.isReadable || event.isHangUp,
            slot < registrations.count, let current = registrations[slot], current.generation == generation
        else { return }
        current.handler.readable()
    }

    private func runExpiredTimers() {
        guard let earliest = timers.earliestDeadline else { return }
        let now = Deadline.now()
        if earliest <= now {
            for callback in timers.popExpired(now: now) { callback() }
        }
        if let next = timers.earliestDeadline { selector.arm(next) }
    }

    private func takeRemoteJobs() {
        let jobs = remoteJobs.withLock { jobs -> [RemoteJob] in
            guard !jobs.isEmpty else { return [] }
            defer { jobs.removeAll(keepingCapacity: true) }
            return jobs
        }
        for job in jobs {
            switch job {
            case .task(let job): pendingJobs.append(.task(job))
            case .closure(let body): pendingJobs.append(.closure(body))
            }
        }
    }

    /// Runs queued jobs, including those they queue, for a bounded number of rounds so that I/O is
    /// never starved by a task that keeps rescheduling itself.
    private func runPendingJobs() {
        var rounds = 0
        while !pendingJobs.isEmpty, rounds < 16 {
            rounds += 1
            swap(&pendingJobs, &runningJobs)
            for job in runningJobs {
                switch job {
                case .task(let job): job.runSynchronously(on: asUnownedTaskExecutor())
                case .closure(let body): body()
                }
            }
            runningJobs.removeAll(keepingCapacity: true)
        }
    }
}

// The loop-confined state above is touched only on the loop's thread (each entry point checks
// `preconditionInEventLoop()`); the cross-thread state sits behind `remoteJobs` (a Mutex), the
// atomics, and the selector's wake-up, which is safe from any thread.
extension EventLoop: @unchecked Sendable {}

/// The thread-specific slot holding the running loop, so code can find the loop it runs on.
private let currentLoopKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()
