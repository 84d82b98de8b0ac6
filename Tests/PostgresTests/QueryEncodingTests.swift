import Foundation
@testable import GuichetPostgres
import Testing

@Suite("Query building and text encoding (no I/O)")
struct QueryEncodingTests {
    @Test("every interpolated value becomes a numbered parameter")
    func interpolation() {
        let tenant = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!
        let name: String? = nil
        let query: PostgresQuery = "SELECT name FROM t WHERE tenant_id = \(tenant) AND id = \(42) AND name = \(name)"
        #expect(query.sql == "SELECT name FROM t WHERE tenant_id = $1 AND id = $2 AND name = $3")
        #expect(query.bindings.types == [.uuid, .int8, .text])
        #expect(query.bindings.text(at: 0) == "11111111-2222-3333-4444-555555555555")
        #expect(query.bindings.text(at: 1) == "42")
        #expect(query.bindings.text(at: 2) == nil)
    }

    @Test("a hostile string stays a parameter; only unsafeRaw splices text")
    func injection() {
        let hostile = "'; DROP TABLE t; --"
        let query: PostgresQuery = "SELECT * FROM \(unsafeRaw: "complaints.t") WHERE a = \(hostile)"
        #expect(query.sql == "SELECT * FROM complaints.t WHERE a = $1")
        #expect(query.bindings.text(at: 0) == hostile)
    }

    @Test("a NUL character is refused when the query is built, not silently truncated")
    func nulCharacter() {
        let query: PostgresQuery = "SELECT \("a\u{0}b"), \("ok")"
        #expect(query.bindings.encodingError?.parameter == 1)
        #expect(query.bindings.text(at: 1) == "ok")
    }

    @Test("integers encode at their extremes")
    func integers() {
        let query: PostgresQuery = "\(Int64.min) \(Int64.max) \(Int32.min) \(Int16.max) \(0)"
        #expect((0..<5).map { query.bindings.text(at: $0) } == [
            "-9223372036854775808", "9223372036854775807", "-2147483648", "32767", "0",
        ])
        #expect(decimal("-9223372036854775808", as: Int64.self) == .min)
        #expect(decimal("9223372036854775808", as: Int64.self) == nil)
        #expect(decimal("32768", as: Int16.self) == nil)
        #expect(decimal("-", as: Int.self) == nil)
        #expect(decimal("12a", as: Int.self) == nil)
    }

    @Test("timestamps format in UTC with microseconds and parse back, offsets and BC included")
    func timestamps() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        var text: [UInt8] = []
        PostgresTimestamp.format(date, into: &text)
        #expect(String(decoding: text, as: UTF8.self) == "2023-11-14 22:13:20.123456+00")
        #expect(parse("2023-11-14 22:13:20.123456+00") == date)
        #expect(parse("2023-11-15 00:13:20.123456+02") == date)
        #expect(parse("2023-11-14 20:43:20.123456-01:30") == date)
        #expect(parse("1970-01-01 00:00:00+00") == Date(timeIntervalSince1970: 0))
        #expect(parse("1969-12-31 23:59:59.5+00") == Date(timeIntervalSince1970: -0.5))
        #expect(parse("infinity") == .distantFuture)
        #expect(parse("2023-13-01 00:00:00+00") == nil)
        #expect(parse("2023-11-14 22:13:20.1234567+00") == nil)
        #expect(parse("2023-11-14") == nil)
        let ancient = try #require(parse("0044-03-15 12:00:00+00 BC"))
        var ancientText: [UInt8] = []
        PostgresTimestamp.format(ancient, into: &ancientText)
        #expect(String(decoding: ancientText, as: UTF8.self) == "0044-03-15 12:00:00.000000+00 BC")
    }

    @Test("array literals: quoting, escapes, NULL and bad input")
    func arrays() throws {
        let query: PostgresQuery = "\(["a", "b\"c", "d\\e", "", "NULL"])"
        #expect(query.bindings.text(at: 0) == #"{"a","b\"c","d\\e","","NULL"}"#)
        #expect(query.bindings.types == [.textArray])
        var elements: [String?] = []
        try parseArray(#"{a,"b\"c",NULL,"NULL",""}"#) { element in
            elements.append(element.map { String(decoding: $0, as: UTF8.self) })
        }
        #expect(elements == ["a", "b\"c", nil, "NULL", ""])
        #expect(throws: PostgresDecodingError.Reason.self) {
            try parseArray("{{1,2},{3,4}}") { _ in }
        }
        #expect(throws: PostgresDecodingError.Reason.self) {
            try parseArray("{\"open") { _ in }
        }
    }

    @Test("bytea encodes as hex")
    func bytea() {
        let query: PostgresQuery = "\([UInt8]([0, 1, 0xAB, 0xFF]))"
        #expect(query.bindings.text(at: 0) == "\\x0001abff")
        #expect(query.bindings.types == [.bytea])
    }

    @Test("migration file names: NNNN_name.sql only")
    func migrationFileNames() {
        #expect(Migration.parseFileName("0001_create_tenants.sql")! == (1, "create_tenants"))
        #expect(Migration.parseFileName("12_x.sql")! == (12, "x"))
        for bad in ["0001_create.SQL", "create.sql", "0001.sql", "0001_.sql", "abc_x.sql", "0000_zero.sql", "README.md",
                    "0001_a b.sql", "-1_x.sql"] {
            #expect(Migration.parseFileName(bad) == nil, "\(bad)")
        }
        #expect(throws: MigrationError.duplicateVersion(stream: "s", version: 1)) {
            try MigrationStream(name: "s", searchPath: nil, migrations: [
                Migration(version: 1, name: "a", sql: ""), Migration(version: 1, name: "b", sql: ""),
            ])
        }
    }

    private func decimal<Integer: FixedWidthInteger>(_ text: String, as type: Integer.Type) -> Integer? {
        Array(text.utf8).withUnsafeBytes { parseDecimal($0, as: type) }
    }

    private func parseArray(
        _ text: String, _ element: (UnsafeRawBufferPointer?) throws(PostgresDecodingError.Reason) -> Void
    ) throws(PostgresDecodingError.Reason) {
        let bytes = Array(text.utf8)
        var failure: PostgresDecodingError.Reason?
        bytes.withUnsafeBytes { buffer in
            do throws(PostgresDecodingError.Reason) { try PostgresArrayText.parse(buffer, element) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private func parse(_ text: String) -> Date? {
        Array(text.utf8).withUnsafeBytes { PostgresTimestamp.parse($0) }
    }
}
