import Foundation
import Glibc
import GuichetIO

/// A TCP client for tests: sends exact bytes (malformed ones included) and reads back what the
/// server answers, with a timeout on every wait so a test can never hang.
///
/// Waiting happens on the connection's own dispatch queue, never on a thread of Swift's
/// cooperative pool: a blocked pool thread would starve the tasks the server under test relies on.
public final class RawConnection: @unchecked Sendable {
    // Serial queue confinement: `pending` and `closedByPeer` are touched only on `queue` (the
    // blocking helpers run there; the public async methods hop onto it).
    private let queue = DispatchQueue(label: "raw-connection")
    /// The socket.
    public let socket: Socket
    private var pending: [UInt8] = []
    /// Whether the server closed the connection (a read returned end of file or a reset).
    private var closedByPeer = false

    /// Connects to `port` on 127.0.0.1.
    public init(port: UInt16, host: String = "127.0.0.1") throws {
        guard let address = SocketAddress(numericHost: host, port: port) else { throw IOError("address", errorCode: EINVAL) }
        let (socket, connected) = try Socket.connect(to: address)
        self.socket = socket
        if !connected {
            var descriptor = pollfd(fd: socket.descriptor, events: Int16(POLLOUT), revents: 0)
            guard poll(&descriptor, 1, 5000) == 1 else { throw IOError("connect", errorCode: ETIMEDOUT) }
            try socket.finishConnect()
        }
    }

    deinit {
        socket.close()
    }

    /// Sends `text` as UTF-8.
    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends `bytes`, waiting for room as needed.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = try bytes.withUnsafeBytes { try socket.write(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            if written == 0 {
                var descriptor = pollfd(fd: socket.descriptor, events: Int16(POLLOUT), revents: 0)
                guard poll(&descriptor, 1, 5000) == 1 else { throw IOError("send", errorCode: ETIMEDOUT) }
            }
            offset += written
        }
    }

    /// Reads whatever arrives within `timeout` milliseconds of silence, up to a closed connection.
    @discardableResult
    private func fill(timeout: Int32) -> Bool {
        var descriptor = pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeout) == 1 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let result = buffer.withUnsafeMutableBytes { try? socket.read(into: $0) }
        switch result {
        case .bytes(let count):
            pending += buffer.prefix(count)
            return true
        case .wouldBlock:
            return true
        case .endOfFile, nil:
            closedByPeer = true
            return false
        }
    }

    /// Reads one complete response (by Content-Length), or nil if none arrives within `timeout`
    /// milliseconds (a safety net against hangs, generous for loaded machines — never a timing
    /// assertion).
    public func readResponse(timeout: Int32 = 300_000) async -> RawResponse? {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.blockingReadResponse(timeout: timeout)) }
        }
    }

    /// Waits until the server closes the connection; false if it is still open after `timeout` ms.
    public func waitForClose(timeout: Int32 = 30_000) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.blockingWaitForClose(timeout: timeout)) }
        }
    }

    private func blockingReadResponse(timeout: Int32) -> RawResponse? {
        let start = Deadline.now()
        while true {
            if let (response, used) = RawResponse.parse(pending) {
                pending.removeFirst(used)
                return response
            }
            let elapsed = Int32((Deadline.now() - start).millisecondsClamped)
            if elapsed >= timeout || closedByPeer { return nil }
            if !fill(timeout: timeout - elapsed) && closedByPeer {
                if let (response, used) = RawResponse.parse(pending) {
                    pending.removeFirst(used)
                    return response
                }
                return nil
            }
        }
    }

    private func blockingWaitForClose(timeout: Int32) -> Bool {
        let start = Deadline.now()
        while !closedByPeer {
            let elapsed = Int32((Deadline.now() - start).millisecondsClamped)
            if elapsed >= timeout { return false }
            fill(timeout: timeout - elapsed)
        }
        return true
    }
}

/// A response as a test reads it: status, headers (names lowercased), body.
public struct RawResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Parses a complete response at the start of `bytes`; nil when more bytes are needed.
    static func parse(_ bytes: [UInt8]) -> (RawResponse, Int)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4 else { return nil }
        var end: Int?
        for index in 0...(bytes.count - 4) where Array(bytes[index..<(index + 4)]) == separator {
            end = index
            break
        }
        guard let headEnd = end else { return nil }
        let headText = String(decoding: bytes[..<headEnd], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers.first { $0.0 == "content-length" }?.1 ?? "0") ?? 0
        let bodyStart = headEnd + 4
        if status >= 100 && status < 200 {
            return parse(Array(bytes[bodyStart...])).map { ($0.0, $0.1 + bodyStart) }
        }
        guard bytes.count >= bodyStart + length else { return nil }
        return (RawResponse(status: status, headers: headers, body: Array(bytes[bodyStart..<(bodyStart + length)])), bodyStart + length)
    }
}
