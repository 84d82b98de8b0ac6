import Foundation
import GuichetCore
@testable import GuichetPlatform
import GuichetTestSupport
import Testing

@Suite("PostgreSQL outage")
struct DatabaseOutageTests {
    @Test("while PostgreSQL is down requests get a fast 503 problem; when it returns the service recovers without a restart")
    func outageAndRecovery() async throws {
        let cluster = try PrivateCluster()
        defer { cluster.destroy() }
        let service = try await RunningService.start(
            NotesService.definition, configuration: TestDatabase.configuration(url: cluster.url, ownerURL: cluster.ownerURL))
        let connection = try RawConnection(port: service.address.port)
        func ping() async throws -> RawResponse? {
            try connection.send("GET /db-ping HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n")
            return await connection.readResponse()
        }
        #expect(try await ping()?.text == "1")

        try cluster.crash()
        let started = Date()
        let down = try #require(try await ping())
        #expect(down.status == 503)
        #expect(down.text.contains("\"code\":\"database_unavailable\""))
        #expect(Date().timeIntervalSince(started) < 10)
        try connection.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await connection.readResponse()?.status == 503)
        // The process is alive and serving.
        try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await connection.readResponse()?.status == 200)

        try cluster.start()
        var recovered = false
        for _ in 0..<50 where !recovered {
            if try await ping()?.status == 200 {
                recovered = true
            } else {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        #expect(recovered)
        await service.stop()
    }
}
