public import FoundationEssentials
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension UUID {
    /// A new time-ordered UUID (version 7, RFC 9562): a 48-bit Unix timestamp in milliseconds, the
    /// version and variant bits, a 12-bit counter and 62 random bits.
    ///
    /// Identifiers made by one process are strictly increasing, even several in the same millisecond
    /// and if the system clock steps back: the counter (seeded at random below 2048 each new
    /// millisecond, RFC 9562 section 6.2 method 1) orders them, and when it overflows the timestamp
    /// is advanced by one millisecond.
    public static func timeOrdered() -> UUID {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let milliseconds = UInt64(max(0, time.tv_sec)) * 1000 + UInt64(time.tv_nsec / 1_000_000)
        return TimeOrderedUUIDGenerator.shared.next(milliseconds: milliseconds)
    }

    /// Builds a UUID from its two big-endian 64-bit halves.
    init(high: UInt64, low: UInt64) {
        let h = high.bigEndian
        let l = low.bigEndian
        let bytes = withUnsafeBytes(of: (h, l)) { Array($0) }
        self.init(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// The 16 bytes of the UUID, in order.
    public var bytes: [UInt8] {
        withUnsafeBytes(of: uuid) { Array($0) }
    }

    /// The canonical lowercase form, `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b` (RFC 9562 prefers it).
    public var lowercaseString: String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        return withUnsafeBytes(of: uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { output in
                var position = 0
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        output[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    output[position] = hex[Int(byte >> 4)]
                    output[position + 1] = hex[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }

    /// The version number (7 for ``timeOrdered()``, 4 for random UUIDs).
    public var version: Int {
        Int(uuid.6 >> 4)
    }

    /// For a version 7 UUID, the instant (to the millisecond) it was made; otherwise `nil`.
    public var timeOrderedDate: Date? {
        guard version == 7 else { return nil }
        let bytes = self.bytes
        let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

/// Makes version 7 UUIDs that are strictly increasing for this generator; the process shares one.
final class TimeOrderedUUIDGenerator: Sendable {
    /// The last timestamp and counter handed out.
    private struct State {
        var milliseconds: UInt64 = 0
        var counter: UInt16 = 0
    }

    static let shared = TimeOrderedUUIDGenerator()
    private let state = Mutex(State())

    /// The next UUID for a clock reading in milliseconds since 1970.
    func next(milliseconds: UInt64) -> UUID {
        var generator = PooledRandomNumberGenerator()
        let random = generator.next()
        let (timestamp, counter) = state.withLock { state -> (UInt64, UInt16) in
            if milliseconds > state.milliseconds {
                state.milliseconds = milliseconds
                state.counter = UInt16(truncatingIfNeeded: random >> 53) & 0x7FF
            } else if state.counter < 0xFFF {
                state.counter += 1
            } else {
                state.milliseconds += 1
                state.counter = UInt16(truncatingIfNeeded: random >> 53) & 0x7FF
            }
            return (state.milliseconds, state.counter)
        }
        let tail = generator.next()
        let high = (timestamp & 0xFFFF_FFFF_FFFF) << 16 | 0x7000 | UInt64(counter)
        let low = (tail & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return UUID(high: high, low: low)
    }
}
