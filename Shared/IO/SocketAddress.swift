import CGuichetLinux
import Glibc

/// An IPv4 or IPv6 address and port, as given to `bind`/`connect` and returned by `accept`.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address family and bytes.
    public enum Host: Sendable, Hashable {
        case ipv4(UInt32)  // network byte order
        case ipv6([UInt8])  // 16 bytes
    }

    public let host: Host
    public let port: UInt16

    /// Parses a numeric IPv4 or IPv6 address (`"127.0.0.1"`, `"::1"`); returns nil for names.
    public init?(numericHost: String, port: UInt16) {
        self.port = port
        var ipv4 = in_addr()
        if inet_pton(AF_INET, numericHost, &ipv4) == 1 {
            host = .ipv4(ipv4.s_addr)
            return
        }
        var ipv6 = in6_addr()
        let trimmed = numericHost.hasPrefix("[") && numericHost.hasSuffix("]")
            ? String(numericHost.dropFirst().dropLast()) : numericHost
        if inet_pton(AF_INET6, trimmed, &ipv6) == 1 {
            host = .ipv6(withUnsafeBytes(of: &ipv6) { Array($0) })
            return
        }
        return nil
    }

    /// Resolves `name` with `getaddrinfo` (blocking: call off the event loops), preferring IPv4.
    public static func resolve(_ name: String, port: UInt16) throws(IOError) -> [SocketAddress] {
        if let numeric = SocketAddress(numericHost: name, port: port) { return [numeric] }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw IOError("getaddrinfo(\(name))", errorCode: status == EAI_SYSTEM ? errno : ENOENT)
        }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr, let parsed = SocketAddress(address) {
                addresses.append(parsed)
            }
            cursor = entry.pointee.ai_next
        }
        return addresses.sorted { lhs, _ in if case .ipv4 = lhs.host { return true } else { return false } }
    }

    /// Reads a `sockaddr_in` or `sockaddr_in6`.
    init?(_ address: UnsafePointer<sockaddr>) {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            let ipv4 = UnsafeRawPointer(address).load(as: sockaddr_in.self)
            host = .ipv4(ipv4.sin_addr.s_addr)
            port = UInt16(bigEndian: ipv4.sin_port)
        case AF_INET6:
            var ipv6 = UnsafeRawPointer(address).load(as: sockaddr_in6.self)
            host = .ipv6(withUnsafeBytes(of: &ipv6.sin6_addr) { Array($0) })
            port = UInt16(bigEndian: ipv6.sin6_port)
        default:
            return nil
        }
    }

    /// The address family (`AF_INET` or `AF_INET6`).
    var family: Int32 {
        switch host {
        case .ipv4: AF_INET
        case .ipv6: AF_INET6
        }
    }

    /// Calls `body` with the address as a `sockaddr` pointer and its length.
    func withSockAddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(IOError) -> T) throws(IOError) -> T {
        switch host {
        case .ipv4(let address):
            var storage = sockaddr_in()
            storage.sin_family = sa_family_t(AF_INET)
            storage.sin_port = port.bigEndian
            storage.sin_addr.s_addr = address
            return try withUnsafePointer(to: &storage) { pointer throws(IOError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(IOError) in
                    try body(address, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ipv6(let bytes):
            var storage = sockaddr_in6()
            storage.sin6_family = sa_family_t(AF_INET6)
            storage.sin6_port = port.bigEndian
            withUnsafeMutableBytes(of: &storage.sin6_addr) { $0.copyBytes(from: bytes) }
            return try withUnsafePointer(to: &storage) { pointer throws(IOError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(IOError) in
                    try body(address, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    /// The numeric host without the port (`"127.0.0.1"`, `"::1"`).
    public var hostDescription: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch host {
        case .ipv4(let address):
            var value = in_addr(s_addr: address)
            inet_ntop(AF_INET, &value, &buffer, socklen_t(buffer.count))
        case .ipv6(let bytes):
            var value = in6_addr()
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes) }
            inet_ntop(AF_INET6, &value, &buffer, socklen_t(buffer.count))
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var description: String {
        switch host {
        case .ipv4: "\(hostDescription):\(port)"
        case .ipv6: "[\(hostDescription)]:\(port)"
        }
    }
}
