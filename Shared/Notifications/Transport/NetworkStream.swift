internal import COpenSSL
import Glibc
import GuichetIO

/// One TCP connection, optionally upgraded to TLS, for a conversation run on a blocking thread
/// (see ``BlockingWork``): every read, write and handshake waits in `poll` up to a deadline, so
/// nothing hangs past the time it was given.
///
/// Used by one thread at a time (the conversation that opened it), then closed.
final class NetworkStream {
    private let socket: Socket
    private var tls: OpaquePointer?
    /// The address connected to.
    let address: SocketAddress
    /// Bytes read but not yet consumed.
    private var buffer: [UInt8] = []
    private var bufferStart = 0

    private init(socket: Socket, address: SocketAddress) {
        self.socket = socket
        self.address = address
    }

    deinit {
        close()
    }

    /// Connects to the first of `addresses` that answers within the deadline.
    static func connect(to addresses: [SocketAddress], deadline: Deadline) throws(TransportError) -> NetworkStream {
        var failure = TransportError.connectFailed("no address")
        for address in addresses {
            do throws(TransportError) {
                return try connect(to: address, deadline: deadline)
            } catch {
                failure = error
                if case .timedOut = error { break }
            }
        }
        throw failure
    }

    private static func connect(to address: SocketAddress, deadline: Deadline) throws(TransportError) -> NetworkStream {
        let socket: Socket
        let connected: Bool
        do {
            (socket, connected) = try Socket.connect(to: address)
        } catch {
            throw .connectFailed("\(address): \(error)")
        }
        let stream = NetworkStream(socket: socket, address: address)
        if !connected {
            try stream.wait(for: Int16(POLLOUT), until: deadline, stage: "connect")
            do {
                try socket.finishConnect()
            } catch {
                throw .connectFailed("\(address): \(error)")
            }
        }
        return stream
    }

    /// Whether the conversation is encrypted.
    var isEncrypted: Bool { tls != nil }

    /// Starts TLS on the connection (after STARTTLS, or at once for HTTPS), verifying the
    /// certificate for `serverName` when the context verifies.
    func startTLS(_ context: TLSContext, serverName: String, deadline: Deadline) throws(TransportError) {
        precondition(tls == nil && bufferStart == buffer.count, "TLS starts once, with nothing buffered")
        guard let ssl = SSL_new(context.context) else { throw .tls(TLSContext.lastError("SSL_new")) }
        tls = ssl
        guard SSL_set_fd(ssl, socket.descriptor) == 1 else { throw .tls(TLSContext.lastError("SSL_set_fd")) }
        let isAddress = SocketAddress(numericHost: serverName, port: 0) != nil
        if !isAddress {
            // Server Name Indication (SSL_set_tlsext_host_name is a macro over SSL_ctrl).
            _ = serverName.withCString { SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: $0)) }
        }
        if context.verifiesPeer {
            let parameters = SSL_get0_param(ssl)
            let set = isAddress ? X509_VERIFY_PARAM_set1_ip_asc(parameters, serverName) : SSL_set1_host(ssl, serverName)
            guard set == 1 else { throw .tls(TLSContext.lastError("cannot verify the name \(serverName)")) }
        }
        SSL_set_connect_state(ssl)
        while true {
            ERR_clear_error()
            let result = SSL_do_handshake(ssl)
            if result == 1 { break }
            try waitAfterTLS(ssl, result: result, deadline: deadline, stage: "TLS handshake")
        }
        if context.verifiesPeer, SSL_get_verify_result(ssl) != X509_V_OK {
            let reason = String(cString: X509_verify_cert_error_string(SSL_get_verify_result(ssl)))
            throw .tls("certificate not trusted: \(reason)")
        }
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8], deadline: Deadline) throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { pointer -> Result<Int, TransportError> in
                do throws(TransportError) {
                    return .success(try writeSome(UnsafeRawBufferPointer(rebasing: pointer[offset...]), deadline: deadline))
                } catch {
                    return .failure(error)
                }
            }
            offset += try written.get()
        }
    }

    private func writeSome(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws(TransportError) -> Int {
        while true {
            if let ssl = tls {
                ERR_clear_error()
                let result = SSL_write(ssl, bytes.baseAddress, Int32(min(bytes.count, Int(Int32.max))))
                if result > 0 { return Int(result) }
                try waitAfterTLS(ssl, result: result, deadline: deadline, stage: "write")
            } else {
                let written: Int
                do {
                    written = try socket.write(bytes)
                } catch {
                    throw error.errorCode == EPIPE || error.errorCode == ECONNRESET ? .closed : .io("\(error)")
                }
                if written > 0 { return written }
                try wait(for: Int16(POLLOUT), until: deadline, stage: "write")
            }
        }
    }

    /// Reads what is available (waiting up to the deadline for something); an empty result means
    /// the other side closed the connection.
    func readSome(deadline: Deadline) throws(TransportError) -> ArraySlice<UInt8> {
        if bufferStart < buffer.count {
            defer {
                buffer.removeAll(keepingCapacity: true)
                bufferStart = 0
            }
            return buffer[bufferStart...]
        }
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            if let ssl = tls {
                ERR_clear_error()
                let result = chunk.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
                if result > 0 { return chunk[..<Int(result)] }
                if SSL_get_error(ssl, result) == SSL_ERROR_ZERO_RETURN { return [] }
                try waitAfterTLS(ssl, result: result, deadline: deadline, stage: "read")
            } else {
                let outcome = chunk.withUnsafeMutableBytes { buffer -> Result<Socket.ReadResult, IOError> in
                    do throws(IOError) {
                        return .success(try socket.read(into: buffer))
                    } catch {
                        return .failure(error)
                    }
                }
                let result: Socket.ReadResult
                switch outcome {
                case .success(let value): result = value
                case .failure(let error):
                    if error.errorCode == ECONNRESET { return [] }
                    throw .io("\(error)")
                }
                switch result {
                case .bytes(let count): return chunk[..<count]
                case .endOfFile: return []
                case .wouldBlock: try wait(for: Int16(POLLIN), until: deadline, stage: "read")
                }
            }
        }
    }

    /// Reads one line ending in CRLF (or LF), without its line end; throws `.closed` when the
    /// connection ends first, and refuses lines longer than `maximumLength`.
    func readLine(deadline: Deadline, maximumLength: Int = 4096) throws(TransportError) -> String {
        while true {
            if let newline = buffer[bufferStart...].firstIndex(of: 10) {
                var end = newline
                if end > bufferStart, buffer[end - 1] == 13 { end -= 1 }
                let line = String(decoding: buffer[bufferStart..<end], as: UTF8.self)
                bufferStart = newline + 1
                if bufferStart == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    bufferStart = 0
                }
                return line
            }
            guard buffer.count - bufferStart <= maximumLength else { throw .io("line longer than \(maximumLength) bytes") }
            if bufferStart > 0 {
                buffer.removeFirst(bufferStart)
                bufferStart = 0
            }
            let more = try readSome(deadline: deadline)
            guard !more.isEmpty else { throw .closed }
            buffer += more
        }
    }

    /// Says goodbye to TLS (best effort) and closes the socket.
    func close() {
        if let ssl = tls {
            SSL_shutdown(ssl)
            SSL_free(ssl)
            tls = nil
        }
        if socketOpen {
            socket.close()
            socketOpen = false
        }
    }

    private var socketOpen = true

    /// Waits until the socket is ready for `events`, or throws when the deadline passes.
    private func wait(for events: Int16, until deadline: Deadline, stage: String) throws(TransportError) {
        while true {
            let remaining = deadline - Deadline.now()
            guard remaining > .zero else { throw .timedOut(stage) }
            var descriptor = pollfd(fd: socket.descriptor, events: events, revents: 0)
            let milliseconds = Int32(clamping: max(1, remaining.millisecondsClamped))
            let result = poll(&descriptor, 1, milliseconds)
            if result > 0 { return }
            if result < 0, errno != EINTR { throw .io("poll: \(String(cString: strerror(errno)))") }
        }
    }

    /// After a TLS call returned `result` ≤ 0: waits for what OpenSSL needs, or throws.
    private func waitAfterTLS(_ ssl: OpaquePointer, result: Int32, deadline: Deadline, stage: String) throws(TransportError) {
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ: try wait(for: Int16(POLLIN), until: deadline, stage: stage)
        case SSL_ERROR_WANT_WRITE: try wait(for: Int16(POLLOUT), until: deadline, stage: stage)
        case SSL_ERROR_ZERO_RETURN: throw .closed
        case SSL_ERROR_SYSCALL:
            let code = errno
            if code == 0 || code == ECONNRESET || code == EPIPE { throw .closed }
            throw .tls("\(stage): \(String(cString: strerror(code)))")
        default:
            throw .tls(TLSContext.lastError(stage))
        }
    }
}
