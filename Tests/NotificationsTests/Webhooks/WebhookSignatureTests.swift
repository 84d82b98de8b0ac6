import Foundation
import GuichetCore
import GuichetIO
import GuichetNotifications
import Testing

@Suite("Standard Webhooks signatures")
struct WebhookSignatureTests {
    // The test vector of the Standard Webhooks reference libraries.
    static let secret = WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!
    static let body = Array(#"{"test": 2432232314}"#.utf8)

    @Test("the reference vector signs and verifies")
    func vector() {
        let signature = WebhookSignature.sign(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Self.body, secrets: [Self.secret])
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(WebhookSignature.verify(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: "1614265330", signature: signature, body: Self.body, secrets: [Self.secret],
            now: Date(timeIntervalSince1970: 1_614_265_330)))
    }

    @Test("tampered bodies, other secrets, other ids, old or future timestamps do not verify")
    func refusals() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let signature = WebhookSignature.sign(id: "m1", timestamp: 1_700_000_000, body: Self.body, secrets: [Self.secret])
        func verify(id: String = "m1", timestamp: String = "1700000000", signature: String = signature, body: [UInt8] = Self.body,
                    secrets: [WebhookSecret] = [Self.secret], at date: Date = now) -> Bool {
            WebhookSignature.verify(id: id, timestamp: timestamp, signature: signature, body: body, secrets: secrets, now: date)
        }
        #expect(verify())
        #expect(!verify(body: Self.body + [0x20]))
        #expect(!verify(secrets: [WebhookSecret.generate()]))
        #expect(!verify(id: "m2"))
        #expect(!verify(id: "m1.1700000000"))
        #expect(!verify(timestamp: "1700000001"))
        #expect(!verify(at: now.addingTimeInterval(301)))
        #expect(!verify(at: now.addingTimeInterval(-301)))
        #expect(verify(at: now.addingTimeInterval(299)))
        #expect(!verify(timestamp: "soon"))
        #expect(!verify(signature: "v1a," + signature.dropFirst(3)))
        #expect(!verify(signature: ""))
        #expect(!verify(signature: "v1,!!!"))
        #expect(verify(signature: "v1,bm9wZQ== " + signature))
    }

    @Test("during a rotation both secrets sign; either verifies")
    func rotation() {
        let old = WebhookSecret.generate()
        let new = WebhookSecret.generate()
        let signature = WebhookSignature.sign(id: "m", timestamp: 10, body: [1, 2], secrets: [new, old])
        #expect(signature.split(separator: " ").count == 2)
        let at = Date(timeIntervalSince1970: 10)
        #expect(WebhookSignature.verify(id: "m", timestamp: "10", signature: signature, body: [1, 2], secrets: [old], now: at))
        #expect(WebhookSignature.verify(id: "m", timestamp: "10", signature: signature, body: [1, 2], secrets: [new], now: at))
    }

    @Test("secrets: whsec_ and base64, 24 to 64 bytes")
    func secrets() {
        let secret = WebhookSecret.generate()
        #expect(secret.key.count == 32)
        #expect(secret.text.hasPrefix("whsec_"))
        #expect(WebhookSecret(secret.text) == secret)
        #expect(WebhookSecret.generate() != secret)
        #expect(WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") == nil)
        #expect(WebhookSecret("whsec_c2hvcnQ=") == nil)
        #expect(WebhookSecret("whsec_not base64") == nil)
    }
}

@Suite("Outbound addresses and URLs: the SSRF guard")
struct AddressPolicyTests {
    @Test("private, loopback, link-local and other non-public addresses are refused", arguments: [
        "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "255.255.255.255", "224.0.0.1", "192.0.2.7", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
        "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::1", "2001:db8::1",
    ])
    func blocked(address: String) throws {
        let socket = try #require(SocketAddressForTests.parse(address))
        #expect(!AddressPolicy.publicOnly.allows(socket), "\(address)")
        #expect(AddressPolicy.anyAddress.allows(socket))
    }

    @Test("public addresses pass", arguments: ["8.8.8.8", "172.32.0.1", "100.128.0.1", "193.194.1.1", "2606:4700::1111", "::ffff:8.8.4.4", "2002:808:808::1"])
    func allowed(address: String) throws {
        #expect(AddressPolicy.publicOnly.allows(try #require(SocketAddressForTests.parse(address))), "\(address)")
    }

    @Test("tenants allowed private networks, by slug or id")
    func allowance() {
        let id = UUID()
        let policy = WebhookPolicy.PrivateNetworks(parsing: " Demo, \(id.uuidString) ")
        #expect(policy.policy(tenant: UUID(), slug: "demo") == .anyAddress)
        #expect(policy.policy(tenant: id, slug: "other") == .anyAddress)
        #expect(policy.policy(tenant: UUID(), slug: "other") == .publicOnly)
        #expect(WebhookPolicy.PrivateNetworks(parsing: "*") == .all)
        #expect(WebhookPolicy.PrivateNetworks(parsing: "") == WebhookPolicy.PrivateNetworks.none)
        #expect(WebhookPolicy.PrivateNetworks(parsing: "none") == WebhookPolicy.PrivateNetworks.none)
    }

    @Test("URLs: http(s) with a host, no credentials; the target and port found", arguments: [
        ("https://Hooks.Example.MA/in?x=1#frag", "https", "hooks.example.ma", 443, "/in?x=1"),
        ("http://127.0.0.1:8080", "http", "127.0.0.1", 8080, "/"),
        ("http://[::1]:9/a", "http", "::1", 9, "/a"),
        ("HTTPS://example.ma?q", "https", "example.ma", 443, "/?q"),
    ])
    func urls(text: String, scheme: String, host: String, port: Int, target: String) throws {
        let url = try #require(OutboundURL(text))
        #expect(url.scheme == scheme && url.host == host && Int(url.port) == port && url.target == target)
    }

    @Test("bad URLs are refused", arguments: [
        "ftp://example.ma/", "example.ma", "https://", "https://user:pass@example.ma/", "https://example.ma:0/", "https://example.ma:70000/",
        "https://exa mple.ma/", "https://[::1/", "https://a:b:c/", "javascript:alert(1)", "https://example.ma/\u{7F}",
    ])
    func badURLs(text: String) {
        #expect(OutboundURL(text) == nil)
    }
}

/// Numeric addresses for the policy tests.
enum SocketAddressForTests {
    static func parse(_ text: String) -> SocketAddress? {
        SocketAddress(numericHost: text, port: 443)
    }
}
