import CGuichetLinux
import Glibc

/// Turns SIGTERM and SIGINT into a callback on an event loop, for a graceful drain.
///
/// A C signal handler writes the signal number into a pipe (the self-pipe trick); the pipe's read
/// end is registered with the loop like any socket. One per process.
public final class TerminationSignals: Selectable {
    private let loop: EventLoop
    private let readEnd: Int32
    private let writeEnd: Int32
    private let onSignal: (Int32) -> Void

    /// Starts forwarding SIGTERM and SIGINT to `onSignal`, called on `loop` with the signal number.
    /// Must be called on `loop`.
    public init(loop: EventLoop, onSignal: @escaping (Int32) -> Void) throws(IOError) {
        loop.preconditionInEventLoop()
        var ends: [Int32] = [0, 0]
        try syscall("pipe2") { guichet_pipe2(&ends, O_NONBLOCK | O_CLOEXEC) }
        self.loop = loop
        self.readEnd = ends[0]
        self.writeEnd = ends[1]
        self.onSignal = onSignal
        try loop.register(readEnd, interest: .readable, handler: self)
        try syscall("sigaction") { guichet_forward_termination_signals(writeEnd) }
    }

    public func readable() {
        var numbers = [UInt8](repeating: 0, count: 16)
        let count = Glibc.read(readEnd, &numbers, numbers.count)
        guard count > 0 else { return }
        for number in numbers.prefix(count) { onSignal(Int32(number)) }
    }

    public func writable() {}
}
