import Testing
import GuichetCore
import GuichetHTTP
@testable import Complaints

@Suite struct EntityTagTests {
    private func request(ifMatch values: [String]) -> HTTPRequest {
        var headers = HTTPHeaders()
        for value in values { headers.add("If-Match", value) }
        return HTTPRequest(head: HTTPRequestHead(method: .post, target: "/", version: .http1_1, headers: headers))
    }

    @Test func versionsAsStrongTags() throws {
        #expect(EntityTag.of(version: 7) == "\"7\"")
        #expect(EntityTag.condition(of: request(ifMatch: [])) == nil)
        #expect(EntityTag.condition(of: request(ifMatch: ["\"7\""])) == .versions([7]))
        #expect(EntityTag.condition(of: request(ifMatch: ["\"3\", \"4\"", "\"5\""])) == .versions([3, 4, 5]))
        #expect(EntityTag.condition(of: request(ifMatch: ["*"])) == .any)
        // Weak tags never match (If-Match compares strongly); garbage matches nothing.
        #expect(EntityTag.condition(of: request(ifMatch: ["W/\"7\""]))?.matches(7) == false)
        #expect(EntityTag.condition(of: request(ifMatch: ["7", "\"-1\"", "\"x\""]))?.matches(7) == false)
        #expect(EntityTag.Condition.any.matches(42) && EntityTag.Condition.versions([1, 2]).matches(2))
    }

    @Test func requiredAndChecked() throws {
        #expect(throws: Problem.self) { try EntityTag.required(request(ifMatch: []), language: .fr) }
        do {
            _ = try EntityTag.required(request(ifMatch: []), language: .en)
        } catch {
            #expect(error.status == 428 && error.code == "precondition_required")
        }
        #expect(throws: Problem.self) { try EntityTag.check(.versions([1]), version: 2, language: .fr) }
        try EntityTag.check(nil, version: 2, language: .fr)
        try EntityTag.check(.versions([2]), version: 2, language: .fr)
    }
}
