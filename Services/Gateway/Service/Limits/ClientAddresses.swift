import Foundation
import GuichetHTTP
import GuichetIO

/// Who the client is, network-wise: the peer's address, or — when the peer is a proxy the
/// operator trusts (`GUICHET_TRUSTED_PROXIES`, a load balancer in front of the gateways) — the
/// address that proxy appended last to `X-Forwarded-For`. Rate limits, the audit trail and the
/// services see this address. IPv6 clients are counted by their /64, the block one subscriber
/// usually holds.
struct ClientAddresses: Sendable {
    /// The proxies whose `X-Forwarded-For` is believed.
    let trustedProxies: Set<SocketAddress.Host>

    /// The client's address, for limits (IPv6 reduced to its /64).
    func host(of request: HTTPRequest, context: RequestContext) -> SocketAddress.Host? {
        guard let address = address(of: request, context: context) else { return nil }
        switch address {
        case .ipv4: return address
        case .ipv6(let bytes): return .ipv6(Array(bytes.prefix(8)) + [UInt8](repeating: 0, count: 8))
        }
    }

    /// The client's address as text, for logs and the audit trail.
    func text(of request: HTTPRequest, context: RequestContext) -> String? {
        guard let address = address(of: request, context: context) else { return nil }
        return SocketAddress(host: address).hostDescription
    }

    private func address(of request: HTTPRequest, context: RequestContext) -> SocketAddress.Host? {
        guard let peer = context.remoteAddress?.host else { return nil }
        guard trustedProxies.contains(peer) else { return peer }
        // The last hop the trusted proxy saw; anything before it the client could have written.
        guard let header = request.headers.values(for: "x-forwarded-for").last,
            let last = header.split(separator: ",").last,
            let forwarded = SocketAddress(numericHost: last.trimmingCharacters(in: .whitespaces), port: 0)
        else { return peer }
        return forwarded.host
    }

    /// Parses `GUICHET_TRUSTED_PROXIES`: comma-separated numeric addresses; nil when one is not.
    static func parse(_ text: String) -> Set<SocketAddress.Host>? {
        var hosts: Set<SocketAddress.Host> = []
        for item in text.split(separator: ",") {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let address = SocketAddress(numericHost: trimmed, port: 0) else { return nil }
            hosts.insert(address.host)
        }
        return hosts
    }
}

extension SocketAddress {
    /// The address of `host` with port 0 (for printing a host).
    init(host: SocketAddress.Host) {
        switch host {
        case .ipv4(let value):
            var parts = [UInt8](repeating: 0, count: 4)
            withUnsafeBytes(of: value) { bytes in for index in 0..<4 { parts[index] = bytes[index] } }
            self = SocketAddress(numericHost: parts.map(String.init).joined(separator: "."), port: 0)!
        case .ipv6(let bytes):
            var groups: [String] = []
            for index in stride(from: 0, to: 16, by: 2) {
                groups.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
            }
            self = SocketAddress(numericHost: groups.joined(separator: ":"), port: 0)!
        }
    }
}
