import FoundationEssentials
import Testing
@testable import GuichetCore

@Suite struct UUIDTests {
    @Test func hasVersionAndVariantBits() {
        let id = UUID.timeOrdered()
        #expect(id.version == 7)
        #expect(id.uuid.6 >> 4 == 7)
        #expect(id.uuid.8 >> 6 == 0b10)
    }

    @Test func embedsTheTimestamp() throws {
        let before = Date()
        let id = UUID.timeOrdered()
        let after = Date()
        let stamp = try #require(id.timeOrderedDate)
        #expect(stamp.timeIntervalSince1970 >= (before.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        #expect(stamp <= after)
        #expect(UUID().timeOrderedDate == nil)
        let fixed = TimeOrderedUUIDGenerator().next(milliseconds: 0x0190_A1B2_C3D4)
        #expect(fixed.lowercaseString.hasPrefix("0190a1b2-c3d4-7"))
    }

    @Test func isStrictlyIncreasingWithinAProcess() {
        var previous = UUID.timeOrdered().lowercaseString
        for _ in 0..<20_000 {
            let next = UUID.timeOrdered().lowercaseString
            #expect(next > previous)
            previous = next
        }
    }

    @Test func staysMonotonicWhenTheClockStepsBackOrStalls() {
        let generator = TimeOrderedUUIDGenerator()
        let now = UInt64(Date().timeIntervalSince1970 * 1000)
        var ids = [generator.next(milliseconds: now)]
        for _ in 0..<5000 { ids.append(generator.next(milliseconds: now)) }
        ids.append(generator.next(milliseconds: now - 10_000))
        // More than 4096 ids in one millisecond overflow the counter into the next millisecond.
        #expect(ids.last!.timeOrderedDate! > Date(timeIntervalSince1970: Double(now) / 1000))
        let strings = ids.map(\.lowercaseString)
        #expect(zip(strings, strings.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Set(strings).count == strings.count)
    }

    @Test func concurrentIdsAreUnique() async {
        let ids = await withTaskGroup(of: [UUID].self) { group in
            for _ in 0..<4 { group.addTask { (0..<2000).map { _ in UUID.timeOrdered() } } }
            var all: [UUID] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(Set(ids).count == 8000)
    }

    @Test func lowercaseStringMatchesFoundation() {
        for _ in 0..<100 {
            let id = UUID()
            #expect(id.lowercaseString == id.uuidString.lowercased())
            #expect(UUID(uuidString: id.lowercaseString) == id)
        }
        #expect(id(0).lowercaseString == "00000000-0000-0000-0000-000000000000")
        #expect(UUID.timeOrdered().bytes.count == 16)
    }

    private func id(_ byte: UInt8) -> UUID {
        UUID(uuid: (byte, byte, byte, byte, byte, byte, byte, byte, byte, byte, byte, byte, byte, byte, byte, byte))
    }
}
