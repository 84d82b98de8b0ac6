import GuichetCore
@testable import Gateway
import GuichetHTTP
import GuichetIO
import GuichetTestSupport
import Testing

@Suite("Gateway: client addresses")
struct ClientAddressesTests {
    static func context(peer: String) -> RequestContext {
        RequestContext(
            requestID: "r", logger: Logger(), language: .fr, loop: TestDatabase.group.loops[0],
            remoteAddress: SocketAddress(numericHost: peer, port: 4000))
    }

    static func request(forwardedFor: String?) -> HTTPRequest {
        var headers = HTTPHeaders()
        if let forwardedFor { headers.add("X-Forwarded-For", forwardedFor) }
        return HTTPRequest(head: HTTPRequestHead(method: .get, target: "/", headers: headers))
    }

    @Test("X-Forwarded-For is believed only from a trusted proxy, and only its last hop")
    func forwarded() {
        let clients = ClientAddresses(trustedProxies: ClientAddresses.parse("10.0.0.1, ::1")!)
        let spoofed = Self.request(forwardedFor: "6.6.6.6, 203.0.113.9")
        #expect(clients.text(of: spoofed, context: Self.context(peer: "10.0.0.1")) == "203.0.113.9")
        #expect(clients.text(of: spoofed, context: Self.context(peer: "198.51.100.3")) == "198.51.100.3")
        #expect(clients.text(of: Self.request(forwardedFor: "garbage"), context: Self.context(peer: "10.0.0.1")) == "10.0.0.1")
        #expect(ClientAddresses.parse("10.0.0.1,not-an-address") == nil)
    }

    @Test("IPv6 clients are counted by their /64")
    func ipv6() {
        let clients = ClientAddresses(trustedProxies: [])
        let one = clients.host(of: Self.request(forwardedFor: nil), context: Self.context(peer: "2001:db8:1:2::5"))
        let two = clients.host(of: Self.request(forwardedFor: nil), context: Self.context(peer: "2001:db8:1:2:ffff::9"))
        let other = clients.host(of: Self.request(forwardedFor: nil), context: Self.context(peer: "2001:db8:1:3::5"))
        #expect(one == two)
        #expect(one != other)
    }
}
