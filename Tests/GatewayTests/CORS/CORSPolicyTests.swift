@testable import Gateway
import Testing

@Suite("Gateway: CORS origins")
struct CORSPolicyTests {
    @Test("origins are compared in their serialised form; only HTTPS, or HTTP on loopback")
    func canonical() {
        #expect(CORSPolicy.canonicalOrigin("https://Portail.Example.MA") == "https://portail.example.ma")
        #expect(CORSPolicy.canonicalOrigin("https://portail.example.ma:443") == "https://portail.example.ma")
        #expect(CORSPolicy.canonicalOrigin("https://portail.example.ma:8443") == "https://portail.example.ma:8443")
        #expect(CORSPolicy.canonicalOrigin("http://localhost:5173") == "http://localhost:5173")
        for bad in ["http://portail.example.ma", "https://portail.example.ma/path", "null", "*", "https://", "ftp://x.ma",
                    "https://user@x.ma", "https://x.ma?q=1", "https://éxample.ma"] {
            #expect(CORSPolicy.canonicalOrigin(bad) == nil, "\(bad)")
        }
    }

    @Test("a tenant's paths are told from the platform's")
    func paths() {
        #expect(CORSPolicy.tenantSlug(in: "/v1/menfp/complaints") == "menfp")
        #expect(CORSPolicy.tenantSlug(in: "/v1/menfp/admin/units/x") == "menfp")
        #expect(CORSPolicy.tenantSlug(in: "/v1/auth/token") == nil)
        #expect(CORSPolicy.tenantSlug(in: "/v1/platform/tenants") == nil)
        #expect(CORSPolicy.tenantSlug(in: "/v1/openapi.json") == nil)
        #expect(CORSPolicy.tenantSlug(in: "/.well-known/jwks.json") == nil)
    }
}
