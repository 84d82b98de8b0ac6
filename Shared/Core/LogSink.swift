#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// Where a ``Logger`` writes its lines.
public protocol LogSink: Sendable {
    /// Writes one complete log line, newline included.
    func write(_ line: [UInt8])
}

/// Writes each line with a single `write(2)` to a file descriptor (standard error by default), so
/// that lines from concurrent threads never interleave (lines shorter than `PIPE_BUF` are atomic on
/// pipes; a short write is completed by further calls).
public struct FileDescriptorLogSink: LogSink {
    /// The descriptor written to.
    public let fileDescriptor: Int32

    /// A sink writing to standard error.
    public static let standardError = FileDescriptorLogSink(fileDescriptor: 2)

    /// Creates a sink writing to `fileDescriptor`, which stays owned by the caller.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// Writes the line, retrying on `EINTR` and after short writes; other errors drop the line
    /// (there is nowhere left to report them).
    public func write(_ line: [UInt8]) {
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}

/// `write(2)`, named apart from the sinks' own `write(_:)`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Keeps lines in memory, for tests that check what was logged.
public final class MemoryLogSink: LogSink {
    private let storage = Mutex<[String]>([])

    /// Creates an empty sink.
    public init() {}

    /// Records the line (without its newline).
    public func write(_ line: [UInt8]) {
        let text = String(decoding: line.last == UInt8(ascii: "\n") ? line.dropLast() : line[...], as: UTF8.self)
        storage.withLock { $0.append(text) }
    }

    /// The lines written so far, oldest first, without newlines.
    public var lines: [String] {
        storage.withLock { $0 }
    }

    /// Forgets the lines written so far.
    public func removeAll() {
        storage.withLock { $0.removeAll() }
    }
}
