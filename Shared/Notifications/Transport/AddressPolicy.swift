import GuichetIO

/// Which addresses outbound calls to URLs chosen by tenants (webhook endpoints) may reach: by
/// default only public ones, never loopback, private, link-local, carrier-grade NAT, multicast,
/// reserved or unspecified addresses (the SSRF guard). Names are resolved once and the connection
/// goes to an address that passed the check, so a name cannot change between check and use.
public struct AddressPolicy: Sendable, Hashable {
    /// Whether non-public addresses are allowed too (a tenant allowed to call its own private
    /// network, tests).
    public var allowsNonPublicAddresses: Bool

    /// A policy; by default only public addresses.
    public init(allowsNonPublicAddresses: Bool = false) {
        self.allowsNonPublicAddresses = allowsNonPublicAddresses
    }

    /// Public addresses only.
    public static let publicOnly = AddressPolicy()
    /// Any address.
    public static let anyAddress = AddressPolicy(allowsNonPublicAddresses: true)

    /// Whether `address` may be reached.
    public func allows(_ address: SocketAddress) -> Bool {
        allowsNonPublicAddresses || Self.isPublic(address)
    }

    /// Whether `address` is a public unicast address.
    public static func isPublic(_ address: SocketAddress) -> Bool {
        switch address.host {
        case .ipv4(let networkOrder):
            return isPublic(ipv4: UInt32(bigEndian: networkOrder))
        case .ipv6(let bytes):
            return isPublic(ipv6: bytes)
        }
    }

    /// IPv4 (host byte order): not 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24,
    /// 192.0.2/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4 or 240/4 (which holds
    /// the broadcast address).
    static func isPublic(ipv4 address: UInt32) -> Bool {
        let blocked: [(UInt32, Int)] = [
            (0x0000_0000, 8), (0x0A00_0000, 8), (0x6440_0000, 10), (0x7F00_0000, 8), (0xA9FE_0000, 16), (0xAC10_0000, 12),
            (0xC000_0000, 24), (0xC000_0200, 24), (0xC0A8_0000, 16), (0xC612_0000, 15), (0xC633_6400, 24), (0xCB00_7100, 24),
            (0xE000_0000, 4), (0xF000_0000, 4),
        ]
        return !blocked.contains { network, length in address >> (32 - length) == network >> (32 - length) }
    }

    /// IPv6: public only within 2000::/3, outside the documentation prefix 2001:db8::/32, and with
    /// an embedded IPv4 address (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16)
    /// judged as IPv4.
    static func isPublic(ipv6 bytes: [UInt8]) -> Bool {
        guard bytes.count == 16 else { return false }
        func ipv4(at offset: Int) -> UInt32 {
            bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return isPublic(ipv4: ipv4(at: 12)) }
        if bytes[0..<12].elementsEqual([0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) { return isPublic(ipv4: ipv4(at: 12)) }
        if bytes[0] == 0x20, bytes[1] == 0x02 { return isPublic(ipv4: ipv4(at: 2)) }
        if bytes[0] == 0x20, bytes[1] == 0x01, bytes[2] == 0x0D, bytes[3] == 0xB8 { return false }
        return bytes[0] & 0xE0 == 0x20
    }
}
