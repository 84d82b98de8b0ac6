import CGuichetLinux
import Glibc
import Synchronization

/// The readiness a registration asks the selector to report.
public struct SelectorInterest: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Report when the descriptor has bytes to read (or a peer closed it).
    public static let readable = SelectorInterest(rawValue: 1 << 0)
    /// Report when the descriptor accepts more bytes.
    public static let writable = SelectorInterest(rawValue: 1 << 1)

    var epollEvents: UInt32 {
        var events = EPOLLRDHUP.rawValue
        if contains(.readable) { events |= EPOLLIN.rawValue }
        if contains(.writable) { events |= EPOLLOUT.rawValue }
        return events
    }
}

/// What the selector saw on one registered descriptor.
struct SelectorEvent {
    /// The registration token given at `register`.
    var token: UInt64
    var isReadable: Bool
    var isWritable: Bool
    /// The peer hung up or the descriptor is in error: the owner should read to find out and close.
    var isHangUp: Bool
}

/// The Linux readiness interface of one event loop: epoll for descriptors, an eventfd that other
/// threads write to wake the loop, and a timerfd armed for the earliest deadline.
///
/// ```
///  other threads ──wakeUp()──▶ eventfd ─┐
///  sockets ─────────────────────────────┼─▶ epoll_wait ──▶ events, .wakeUp, .timer
///  earliest deadline ──arm()──▶ timerfd ─┘
/// ```
/// Everything but `wakeUp()` runs on the loop's own thread. Wake-ups are coalesced: only the first
/// `wakeUp()` after the loop last drained the eventfd writes to it.
final class Selector {
    private let epollDescriptor: Int32
    private let eventDescriptor: Int32
    private let timerDescriptor: Int32
    private let events: UnsafeMutableBufferPointer<epoll_event>
    private var armedDeadline: Deadline?
    /// Set by the first `wakeUp()` until the loop drains the eventfd; read from any thread.
    private let wakeUpPending = Atomic<Bool>(false)

    static let wakeUpToken: UInt64 = .max
    static let timerToken: UInt64 = .max - 1

    init(capacity: Int = 256) throws(IOError) {
        epollDescriptor = try syscall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        eventDescriptor = try syscall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
        timerDescriptor = try syscall("timerfd_create") {
            timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        }
        events = .allocate(capacity: capacity)
        try add(eventDescriptor, events: EPOLLIN.rawValue, token: Self.wakeUpToken)
        try add(timerDescriptor, events: EPOLLIN.rawValue, token: Self.timerToken)
    }

    deinit {
        events.deallocate()
        close(timerDescriptor)
        close(eventDescriptor)
        close(epollDescriptor)
    }

    /// Starts watching `descriptor` for `interest`, reporting events under `token`.
    func register(_ descriptor: Int32, interest: SelectorInterest, token: UInt64) throws(IOError) {
        try add(descriptor, events: interest.epollEvents, token: token)
    }

    /// Changes what `descriptor` is watched for.
    func reregister(_ descriptor: Int32, interest: SelectorInterest, token: UInt64) throws(IOError) {
        var event = epoll_event()
        event.events = interest.epollEvents
        event.data.u64 = token
        try syscall("epoll_ctl(MOD)") { epoll_ctl(epollDescriptor, EPOLL_CTL_MOD, descriptor, &event) }
    }

    /// Stops watching `descriptor`. Call before closing it.
    func deregister(_ descriptor: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(epollDescriptor, EPOLL_CTL_DEL, descriptor, &event)
    }

    private func add(_ descriptor: Int32, events: UInt32, token: UInt64) throws(IOError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        try syscall("epoll_ctl(ADD)") { epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, descriptor, &event) }
    }

    /// Arms the timerfd for `deadline` unless an earlier (or equal) deadline is already armed.
    func arm(_ deadline: Deadline) {
        if let armed = armedDeadline, armed <= deadline { return }
        armedDeadline = deadline
        var specification = itimerspec()
        // A zero it_value disarms a timerfd; the earliest real deadline is at least 1 ns.
        let nanoseconds = max(deadline.nanoseconds, 1)
        specification.it_value.tv_sec = Int(nanoseconds / 1_000_000_000)
        specification.it_value.tv_nsec = Int(nanoseconds % 1_000_000_000)
        timerfd_settime(timerDescriptor, Int32(TFD_TIMER_ABSTIME), &specification, nil)
    }

    /// Waits for events (not at all when `blocking` is false) and hands each to `body`.
    ///
    /// Wake-up and timer events are drained here and reported with their reserved tokens.
    func wait(blocking: Bool, _ body: (SelectorEvent) -> Void) throws(IOError) {
        let count = try syscall("epoll_wait") {
            epoll_wait(epollDescriptor, events.baseAddress, Int32(events.count), blocking ? -1 : 0)
        }
        for index in 0..<Int(count) {
            let raw = events[index]
            let token = raw.data.u64
            switch token {
            case Self.wakeUpToken:
                var value: UInt64 = 0
                _ = read(eventDescriptor, &value, 8)
                wakeUpPending.store(false, ordering: .sequentiallyConsistent)
            case Self.timerToken:
                var value: UInt64 = 0
                _ = read(timerDescriptor, &value, 8)
                armedDeadline = nil
            default:
                break
            }
            let flags = raw.events
            body(
                SelectorEvent(
                    token: token,
                    isReadable: flags & EPOLLIN.rawValue != 0,
                    isWritable: flags & EPOLLOUT.rawValue != 0,
                    isHangUp: flags & (EPOLLHUP.rawValue | EPOLLERR.rawValue | EPOLLRDHUP.rawValue) != 0
                )
            )
        }
    }

    /// Wakes the loop from any thread; coalesced until the loop drains the eventfd.
    func wakeUp() {
        if wakeUpPending.exchange(true, ordering: .sequentiallyConsistent) { return }
        var one: UInt64 = 1
        _ = write(eventDescriptor, &one, 8)
    }
}

// The selector is confined to its loop's thread except for `wakeUp()`, which touches only the
// atomic flag and the eventfd (both safe from any thread).
extension Selector: @unchecked Sendable {}
