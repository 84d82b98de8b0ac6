import Testing

@testable import GuichetHTTP

@Suite struct RouterTests {
    /// Which registered value matched, with its parameters, or the failure.
    private func outcome(_ router: Router<String>, _ method: HTTPMethod, _ path: String) -> String {
        switch router.match(method, path: path) {
        case .found(let value, _, _): value
        case .notFound: "404"
        case .methodNotAllowed(let allowed): "405 " + allowed.map(\.name).joined(separator: ",")
        }
    }

    private func parameters(_ router: Router<String>, _ method: HTTPMethod, _ path: String) throws -> RouteParameters {
        guard case .found(_, let parameters, _) = router.match(method, path: path) else {
            Issue.record("no route for \(path)")
            throw CancellationError()
        }
        return parameters
    }

    private var complaints: Router<String> {
        var router = Router<String>()
        router.register(.get, "/", "root")
        router.register(.get, "/healthz", "health")
        router.register(.get, "/v1/:tenant/complaints", "list")
        router.register(.post, "/v1/:tenant/complaints", "create")
        router.register(.get, "/v1/:tenant/complaints/:code", "show")
        router.register(.get, "/v1/:tenant/complaints/stats", "stats")
        router.register(.head, "/v1/:tenant/complaints/stats", "stats-head")
        router.register(.patch, "/v1/:tenant/complaints/:code/status", "status")
        router.register(.get, "/v1/:tenant/complaints/stats/daily", "daily")
        router.register(.get, "/files/**", "files")
        router.register(.get, "/files/readme", "readme")
        return router
    }

    @Test func constantsParametersAndRoot() throws {
        let router = complaints
        #expect(outcome(router, .get, "/") == "root")
        #expect(outcome(router, .get, "/healthz") == "health")
        #expect(outcome(router, .get, "/v1/demo/complaints") == "list")
        #expect(outcome(router, .post, "/v1/demo/complaints") == "create")
        #expect(outcome(router, .get, "/v1/demo/complaints/AB12") == "show")
        #expect(outcome(router, .patch, "/v1/demo/complaints/AB12/status") == "status")
        let found = router.match(.get, path: "/v1/demo/complaints/AB12")
        guard case .found(_, let parameters, let pattern) = found else { Issue.record("not found"); return }
        #expect(pattern == "/v1/:tenant/complaints/:code")
        #expect(parameters["tenant"] == "demo")
        #expect(parameters["code"] == "AB12")
        #expect(parameters["missing"] == nil)
        #expect(parameters.count == 2)
        #expect(parameters.catchAll == nil)
    }

    @Test func constantsArePreferredAndTheSearchBacktracks() {
        let router = complaints
        #expect(outcome(router, .get, "/v1/demo/complaints/stats") == "stats")
        // "stats" is a constant with a GET route, but PATCH …/stats/status only exists under :code.
        #expect(outcome(router, .patch, "/v1/demo/complaints/stats/status") == "status")
        #expect(outcome(router, .get, "/v1/demo/complaints/stats/daily") == "daily")
        // The constant branch has no route for POST, the parameter branch neither: 405.
        #expect(outcome(router, .delete, "/v1/demo/complaints/stats") == "405 GET,HEAD")
    }

    @Test func methodFallsThroughToALessPreferredRoute() {
        var router = Router<String>()
        router.register(.get, "/users/me", "me")
        router.register(.delete, "/users/:id", "delete")
        #expect(outcome(router, .get, "/users/me") == "me")
        #expect(outcome(router, .delete, "/users/me") == "delete")
        #expect(outcome(router, .put, "/users/me") == "405 GET,HEAD,DELETE")
    }

    @Test func headFallsBackToGetUnlessRegistered() {
        let router = complaints
        #expect(outcome(router, .head, "/v1/demo/complaints/AB12") == "show")
        #expect(outcome(router, .head, "/v1/demo/complaints/stats") == "stats-head")
        #expect(outcome(router, .head, "/v1/demo/complaints/AB12/status") == "405 PATCH")
    }

    @Test func methodNotAllowedListsEveryMethodOfThePath() {
        let router = complaints
        #expect(outcome(router, .delete, "/v1/demo/complaints") == "405 GET,HEAD,POST")
        #expect(outcome(router, .post, "/healthz") == "405 GET,HEAD")
    }

    @Test func catchAllCapturesTheRawRest() throws {
        let router = complaints
        #expect(outcome(router, .get, "/files/readme") == "readme")
        #expect(outcome(router, .get, "/files/a/b%2Fc/d") == "files")
        #expect(try parameters(router, .get, "/files/a/b%2Fc/d").catchAll == "a/b%2Fc/d")
        #expect(try parameters(router, .get, "/files/readme/more").catchAll == "readme/more")
        #expect(try parameters(router, .get, "/files").catchAll == "")
        #expect(outcome(router, .post, "/files/x") == "405 GET,HEAD")
    }

    @Test func parametersArePercentDecodedWithinTheirSegment() throws {
        let router = complaints
        let parameters = try parameters(router, .get, "/v1/d%C3%A9mo/complaints/a%2Fb%20c")
        #expect(parameters["tenant"] == "démo")
        #expect(parameters["code"] == "a/b c")
        #expect(parameters.raw("code") == "a%2Fb%20c")
        let invalidUTF8 = try self.parameters(router, .get, "/v1/x/complaints/%FF")
        #expect(invalidUTF8["code"] == "\u{FFFD}")
    }

    @Test func constantsMatchTheirPercentEncodedSpelling() {
        #expect(outcome(complaints, .get, "/%68ealthz") == "health")
        #expect(outcome(complaints, .get, "/healthz%41") == "404")
    }

    @Test(arguments: [
        "", "healthz", "//", "//healthz", "/healthz/", "/v1//complaints", "/v1/demo/complaints/",
        "/files/a//b", "/files/.", "/files/..", "/files/a/../b", "/files/%2e%2E", "/files/.%2e/x", "/v1/demo/complaints/%2e",
        "/v1/demo/complaints/%zz", "/v1/demo/complaints/%0", "/v1/demo/complaints/a%00b", "/nope",
    ])
    func unroutablePathsAreNotFound(_ path: String) {
        #expect(outcome(complaints, .get, path) == "404")
    }

    @Test func dotsInsideASegmentAreOrdinary() throws {
        let router = complaints
        #expect(try parameters(router, .get, "/v1/demo/complaints/a.b")["code"] == "a.b")
        #expect(try parameters(router, .get, "/v1/demo/complaints/...")["code"] == "...")
    }

    @Test func veryLongPathsAreHandled() throws {
        let router = complaints
        let deep = "/files" + String(repeating: "/a", count: 20_000)
        #expect(try parameters(router, .get, deep).catchAll?.count == 40_000 - 1)
        #expect(outcome(router, .get, "/v1" + String(repeating: "/x", count: 20_000)) == "404")
        #expect(outcome(router, .get, "/" + String(repeating: "y", count: 100_000)) == "404")
    }

    @Test func matchesASubstringOfTheTarget() throws {
        let head = HTTPRequestHead(
            method: .get, target: "/v1/demo/complaints/Z9?x=1", headers: ["host": "a"])
        guard case .found(let value, let parameters, _) = complaints.match(head.method, path: head.path) else {
            Issue.record("not found")
            return
        }
        #expect(value == "show")
        #expect(parameters["code"] == "Z9")
    }

    @Test func storesAnyValue() {
        struct Options: Sendable { let bodyLimit: Int }
        var router = Router<Options>()
        router.register(.post, "/upload", Options(bodyLimit: 10_000_000))
        guard case .found(let options, _, _) = router.match(.post, path: "/upload") else {
            Issue.record("not found")
            return
        }
        #expect(options.bodyLimit == 10_000_000)
    }

    @Test func registrationConflictsStopTheProcess() async {
        await #expect(processExitsWith: .failure) {
            var router = Router<Int>()
            router.register(.get, "/a/:x", 1)
            router.register(.get, "/a/:y", 2)
        }
        await #expect(processExitsWith: .failure) {
            var router = Router<Int>()
            router.register(.get, "/a/**/b", 1)
        }
        await #expect(processExitsWith: .failure) {
            var router = Router<Int>()
            router.register(.get, "/a//b", 1)
        }
        await #expect(processExitsWith: .failure) {
            var router = Router<Int>()
            router.register(.get, "/:a/:a", 1)
        }
    }

    @Test func sameShapeDifferentMethodsOrNamesCoexist() throws {
        var router = Router<Int>()
        router.register(.get, "/a/:x", 1)
        router.register(.put, "/a/:y", 2)
        router.register(.get, "/a/:x/**", 3)
        guard case .found(2, let parameters, _) = router.match(.put, path: "/a/v") else {
            Issue.record("not found")
            return
        }
        #expect(parameters["y"] == "v" && parameters["x"] == nil)
        guard case .found(3, let rest, _) = router.match(.get, path: "/a/v/w") else {
            Issue.record("not found")
            return
        }
        #expect(rest["x"] == "v" && rest.catchAll == "w")
    }
}
