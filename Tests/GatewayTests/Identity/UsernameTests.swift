@testable import Gateway
import Testing

@Suite("Gateway: usernames")
struct UsernameTests {
    @Test("NFKC and lower case fold compatibility forms and case into one name")
    func folding() {
        #expect(Username.canonical("ADMIN") == "admin")
        #expect(Username.canonical("ＡＤＭＩＮ") == "admin")
        #expect(Username.canonical("agent.one") == "agent.one")
        #expect(Username.canonical("ﬁle") == "file")
    }

    @Test(
        "look-alikes from other scripts, controls, SQL metacharacters and over-long names name no account",
        arguments: ["аdmin", "admin\u{200B}", "ad min", "admin' OR '1'='1", "admin;--", "", "-admin", "ädmin",
                    String(repeating: "a", count: 65), String(repeating: "a", count: 200), "admin\u{0000}"])
    func refused(name: String) {
        #expect(Username.canonical(name) == nil)
    }

    @Test("citizens sign in with an email (lower case) or a phone number (E.164)")
    func citizens() {
        #expect(Username.citizen("Amina.Alaoui@Example.MA") == "amina.alaoui@example.ma")
        #expect(Username.citizen("06 12 34 56 78") == "+212612345678")
        #expect(Username.citizen("+33 6 12 34 56 78") == "+33612345678")
        #expect(Username.citizen("not an address") == nil)
        #expect(Username.platform("admin") == "admin")
        #expect(Username.platform("0612345678") == "+212612345678")
        #expect(Username.platform("a@b") == nil)
    }
}
