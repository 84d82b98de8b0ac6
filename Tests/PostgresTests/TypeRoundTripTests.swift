import Foundation
@testable import GuichetPostgres
import GuichetTestSupport
import Testing

@Suite("Type round trips (PostgreSQL)")
struct TypeRoundTripTests {
    struct Settings: Codable, Sendable, Equatable {
        var language: String
        var limits: [Int]
    }

    @Test("every type goes in as a parameter and comes back equal, NULLs included")
    func roundTrip() async throws {
        let pool = TestDatabase.pool()
        defer { Task { await pool.shutdown() } }
        let id = UUID()
        let at = Date(timeIntervalSince1970: 1_712_345_678.654321)
        let arabic = "شكاية بخصوص الماء — مرحبا"
        let bytes: [UInt8] = [0, 1, 2, 0x7F, 0x80, 0xFF]
        let settings = Settings(language: "ar", limits: [1, -2])
        let rows = try await pool.query("""
            SELECT \(arabic)::text, \(Int64.max)::int8, \(Int64.min)::int8, \(Int32.min)::int4, \(Int16.max)::int2,
                   \(Int.min)::int8, \(-0.1)::float8, \(true)::bool, \(id)::uuid, \(at)::timestamptz,
                   \(bytes)::bytea, \(["a", "b,c", "\"q\"", "د"])::text[], \([id, id])::uuid[],
                   \(PostgresJSON(settings))::jsonb, \([Int]())::int8[]
            """, tenant: nil)
        let (text, big, small, int32, int16, int, double, bool, uuid, date, bytea, texts, uuids, json, empty) =
            try rows.single((String, Int64, Int64, Int32, Int16, Int, Double, Bool, UUID, Date, [UInt8], [String], [UUID],
                             PostgresJSON<Settings>, [Int]).self)
        #expect(text == arabic)
        #expect(big == .max)
        #expect(small == .min)
        #expect(int32 == .min)
        #expect(int16 == .max)
        #expect(int == .min)
        #expect(double == -0.1)
        #expect(bool)
        #expect(uuid == id)
        #expect(date == at)
        #expect(bytea == bytes)
        #expect(texts == ["a", "b,c", "\"q\"", "د"])
        #expect(uuids == [id, id])
        #expect(json.value == settings)
        #expect(empty.isEmpty)

        let nulls = try await pool.query("""
            SELECT \(String?.none)::text, \(Int?.none)::int8, \(UUID?.none)::uuid, \(Date?.none)::timestamptz,
                   \(Bool?.none)::bool, \([UInt8]?.none)::bytea
            """, tenant: nil)
        let (a, b, c, d, e, f) = try nulls.single((String?, Int?, UUID?, Date?, Bool?, [UInt8]?).self)
        #expect(a == nil && b == nil && c == nil && d == nil && e == nil && f == nil)
    }

    @Test("timestamps keep microseconds and the server reads them as UTC")
    func microsecondTimestamps() async throws {
        let pool = TestDatabase.pool()
        defer { Task { await pool.shutdown() } }
        let at = Date(timeIntervalSince1970: 1_700_000_000.000001)
        let rows = try await pool.query(
            "SELECT \(at)::timestamptz, extract(microseconds FROM \(at)::timestamptz)::int8, to_char(\(at)::timestamptz, 'YYYY-MM-DD HH24:MI:SS.US TZ')",
            tenant: nil)
        let (back, microseconds, text) = try rows.single((Date, Int64, String).self)
        #expect(back == at)
        #expect(microseconds == 20_000_001)
        #expect(text == "2023-11-14 22:13:20.000001 UTC")
        let server = try await pool.query("SELECT timestamptz '2024-03-10 08:15:30.123456+01'", tenant: nil)
        #expect(try server.single(Date.self) == Date(timeIntervalSince1970: 1_710_054_930.123456))
    }

    @Test("rows read by index and by name; decoding errors name the column and the type")
    func decodingErrors() async throws {
        let pool = TestDatabase.pool()
        defer { Task { await pool.shutdown() } }
        let rows = try await pool.query("SELECT 1::int8 AS id, NULL::text AS label, 70000::int4 AS big", tenant: nil)
        let row = try #require(rows.first)
        #expect(try row["id"].decode(Int.self) == 1)
        #expect(try row[1].decode(String?.self) == nil)
        #expect(rows.columnNames == ["id", "label", "big"])
        let null = #expect(throws: PostgresDecodingError.self) { try row["label"].decode(String.self) }
        #expect(null?.reason == .unexpectedNull)
        #expect(null?.column == "label")
        let mismatch = #expect(throws: PostgresDecodingError.self) { try row["big"].decode(Int16.self) }
        #expect(mismatch?.reason == .typeMismatch)
        #expect(mismatch?.description.contains("int4") == true)
        #expect(mismatch?.description.contains("Int16") == true)
        let missing = #expect(throws: PostgresDecodingError.self) { try row["nope"].decode(Int.self) }
        #expect(missing?.reason == .missingColumn)
        #expect(throws: PostgresDecodingError.self) { try row.decode((Int, String?).self) }
        #expect(throws: PostgresRowCountError.self) { try PostgresRows.empty.single(Int.self) }
    }

    @Test("special floats and an encoding error surface")
    func specialValues() async throws {
        let pool = TestDatabase.pool()
        defer { Task { await pool.shutdown() } }
        let rows = try await pool.query("SELECT \(Double.infinity), \(-Double.infinity), \(Double.nan)", tenant: nil)
        let (plus, minus, nan) = try rows.single((Double, Double, Double).self)
        #expect(plus == .infinity && minus == -.infinity && nan.isNaN)
        await #expect(throws: PostgresEncodingError.self) {
            _ = try await pool.query("SELECT \("bad\u{0}")", tenant: nil)
        }
        // The connection is still fine after the refused query.
        #expect(try await pool.query("SELECT 2::int4", tenant: nil).single(Int32.self) == Int32(2))
    }
}
