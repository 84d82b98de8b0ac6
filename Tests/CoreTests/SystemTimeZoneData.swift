import FoundationEssentials

/// Reads UTC offsets straight from the system's tz database (`/usr/share/zoneinfo`, TZif version 2+
/// files, RFC 8536), to check Foundation's time zones against it.
struct SystemTimeZoneData {
    /// Transition instants (seconds since 1970) and the offset in force from each one on.
    let transitions: [(at: Int64, offset: Int)]
    let initialOffset: Int

    init?(identifier: String) {
        guard let data = try? Data(contentsOf: URL(filePath: "/usr/share/zoneinfo/" + identifier)) else { return nil }
        let bytes = [UInt8](data)
        func u32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        func i32(_ at: Int) -> Int { Int(Int32(truncatingIfNeeded: u32(at))) }
        func i64(_ at: Int) -> Int64 { Int64(bitPattern: bytes[at..<(at + 8)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }
        guard bytes.count > 44, bytes[0..<4] == [0x54, 0x5A, 0x69, 0x66], bytes[4] >= UInt8(ascii: "2") else { return nil }
        // Skip the version 1 block (32-bit times) to reach the version 2 header.
        let (isut, isstd, leap, time, type, chars) = (u32(20), u32(24), u32(28), u32(32), u32(36), u32(40))
        let second = 44 + time * 4 + time + type * 6 + chars + leap * 8 + isstd + isut
        let (leap2, time2, type2) = (u32(second + 28), u32(second + 32), u32(second + 36))
        _ = leap2
        let base = second + 44
        let types = base + time2 * 8
        let infos = types + time2
        var transitions: [(Int64, Int)] = []
        for index in 0..<time2 {
            let typeIndex = Int(bytes[types + index])
            guard typeIndex < type2 else { return nil }
            transitions.append((i64(base + index * 8), i32(infos + typeIndex * 6)))
        }
        self.transitions = transitions
        self.initialOffset = i32(infos)
    }

    /// The offset in force at `seconds` since 1970 (within the file's explicit transitions).
    func offset(at seconds: Int64) -> Int {
        var result = initialOffset
        for transition in transitions where transition.at <= seconds { result = transition.offset }
        return result
    }
}
