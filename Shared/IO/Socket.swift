import CGuichetLinux
import Glibc

/// A non-blocking TCP socket descriptor and the system calls the servers and clients make on it.
///
/// A value type over the descriptor: whoever created it closes it exactly once.
public struct Socket: Sendable, Hashable {
    /// The file descriptor.
    public let descriptor: Int32

    /// Wraps an open descriptor.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// What a read returned.
    public enum ReadResult: Sendable, Equatable {
        /// This many bytes were read.
        case bytes(Int)
        /// Nothing to read now; wait for readability.
        case wouldBlock
        /// The peer closed its side.
        case endOfFile
    }

    /// A listening socket bound to `address`; with `reusePort`, several may share the address and
    /// the kernel spreads incoming connections among them.
    public static func listen(on address: SocketAddress, backlog: Int32 = 1024, reusePort: Bool) throws(IOError) -> Socket {
        let socket = try open(family: address.family)
        do throws(IOError) {
            try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            if reusePort { try socket.setOption(SOL_SOCKET, SO_REUSEPORT, 1) }
            _ = try address.withSockAddr { pointer, length throws(IOError) in
                try syscall("bind(\(address))") { bind(socket.descriptor, pointer, length) }
            }
            try syscall("listen") { Glibc.listen(socket.descriptor, backlog) }
            return socket
        } catch {
            socket.close()
            throw error
        }
    }

    /// Starts connecting to `address`; `connected` is false while the connection is in progress
    /// (wait for writability, then call `finishConnect()`).
    public static func connect(to address: SocketAddress) throws(IOError) -> (socket: Socket, connected: Bool) {
        let socket = try open(family: address.family)
        do throws(IOError) {
            try socket.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            let result = try address.withSockAddr { pointer, length throws(IOError) -> Int32 in
                Glibc.connect(socket.descriptor, pointer, length)
            }
            if result == 0 { return (socket, true) }
            let code = errno
            if code == EINPROGRESS || code == EINTR { return (socket, false) }
            throw IOError("connect(\(address))", errorCode: code)
        } catch {
            socket.close()
            throw error
        }
    }

    private static func open(family: Int32) throws(IOError) -> Socket {
        let descriptor = try syscall("socket") {
            Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        return Socket(descriptor: descriptor)
    }

    /// Completes a non-blocking connect once the socket is writable; throws the connect error.
    public func finishConnect() throws(IOError) {
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        try syscall("getsockopt(SO_ERROR)") { getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length) }
        if error != 0 { throw IOError("connect", errorCode: error) }
    }

    /// Accepts one pending connection as a non-blocking socket with `TCP_NODELAY`, or nil when none
    /// is pending.
    public func accept() throws(IOError) -> (socket: Socket, peer: SocketAddress?)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let descriptor = withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    guichet_accept4(self.descriptor, address, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if descriptor >= 0 {
                let socket = Socket(descriptor: descriptor)
                try? socket.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
                let peer = withUnsafePointer(to: &storage) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress($0) }
                }
                return (socket, peer)
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return nil
            // The peer gave up before we accepted: try the next one.
            case ECONNABORTED, EPROTO: continue
            default: throw IOError("accept4")
            }
        }
    }

    /// Reads into `buffer`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> ReadResult {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfFile }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: throw IOError("read")
            }
        }
    }

    /// Writes as much of `bytes` as the socket takes now; returns the count written (0 when it would
    /// block).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) -> Int {
        guard bytes.count > 0 else { return 0 }
        while true {
            let count = send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return 0
            default: throw IOError("send")
            }
        }
    }

    /// Stops sending (a FIN to the peer) while still reading.
    public func shutdownWrite() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Closes the descriptor.
    public func close() {
        _ = Glibc.close(descriptor)
    }

    /// Closes the descriptor with an RST instead of a FIN (SO_LINGER 0), for connections dropped on
    /// purpose.
    public func abort() {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close()
    }

    /// The address the socket is bound to (useful after binding port 0).
    public func localAddress() throws(IOError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        if result != 0 { throw IOError("getsockname") }
        let address = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { SocketAddress($0) }
        }
        guard let address else { throw IOError("getsockname", errorCode: EAFNOSUPPORT) }
        return address
    }

    func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws(IOError) {
        var value = value
        try syscall("setsockopt") {
            setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }
}
