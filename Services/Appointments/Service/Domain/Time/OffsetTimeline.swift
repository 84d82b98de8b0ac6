import FoundationEssentials

/// A zone's offsets from UTC over a window of time, read once from the time zone database so that
/// converting many wall times (a month of slots) is integer arithmetic.
///
/// The timeline is a list of segments, each with a constant offset. It is exact inside the window
/// it was built for; outside, the first and last offsets are assumed to continue.
struct OffsetTimeline: Sendable {
    /// Start of each segment in seconds since 1970 (the first is `Int64.min`).
    private let starts: [Int64]
    /// The offset in force in each segment, in seconds east of UTC.
    private let offsets: [Int]
    /// Whether each segment is daylight saving time for the zone.
    private let daylight: [Bool]

    /// Reads the offsets of `zone` in force between `from` and `to` (seconds since 1970).
    init(zone: TimeZone, from: Int64, to: Int64) {
        var starts: [Int64] = [Int64.min]
        var offsets = [zone.secondsFromGMT(for: Date(secondsSince1970: from))]
        var daylight = [zone.isDaylightSavingTime(for: Date(secondsSince1970: from))]
        var cursor = Date(secondsSince1970: from)
        let end = Date(secondsSince1970: to)
        // A zone changes offset at most a few times a year; the bound only guards against a
        // database that never advances.
        for _ in 0..<10_000 {
            guard let next = zone.nextDaylightSavingTimeTransition(after: cursor), next > cursor, next < end else { break }
            let offset = zone.secondsFromGMT(for: next)
            if offset != offsets[offsets.count - 1] {
                starts.append(next.secondsSince1970)
                offsets.append(offset)
                daylight.append(zone.isDaylightSavingTime(for: next))
            }
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
        self.daylight = daylight
    }

    /// The transitions inside the window, in order.
    var transitions: [OffsetTransition] {
        (1..<max(starts.count, 1)).map { index in
            OffsetTransition(
                instant: Date(secondsSince1970: starts[index]), offsetBefore: offsets[index - 1],
                offsetAfter: offsets[index], isDaylightSavingTimeAfter: daylight[index])
        }
    }

    /// The offset in force at `seconds` since 1970.
    func offset(at seconds: Int64) -> Int {
        var index = starts.count - 1
        while index > 0 && starts[index] > seconds { index -= 1 }
        return offsets[index]
    }

    /// The wall-clock seconds (as if the zone were UTC) at an instant.
    func localSeconds(at seconds: Int64) -> Int64 {
        seconds + Int64(offset(at: seconds))
    }

    /// The instants at which the wall clock shows `local` (seconds since 1970 as if the zone were UTC).
    ///
    /// `earliest == latest` when the wall time happens once; `isSkipped` when it never happens, and
    /// then both are the instant of the jump.
    func resolve(localSeconds local: Int64) -> ResolvedWallTime {
        var earliest: Int64?
        var latest: Int64 = 0
        let count = starts.count
        for index in 0..<count {
            let candidate = local - Int64(offsets[index])
            guard candidate >= starts[index], index + 1 == count || candidate < starts[index + 1] else { continue }
            if earliest == nil { earliest = candidate }
            latest = candidate
        }
        if let earliest {
            return ResolvedWallTime(earliest: earliest, latest: latest, isSkipped: false)
        }
        // A gap: the wall time lies between the old and the new offset of some forward jump.
        for index in 1..<max(count, 1) {
            let jump = starts[index]
            if local >= jump + Int64(offsets[index - 1]) && local < jump + Int64(offsets[index]) {
                return ResolvedWallTime(earliest: jump, latest: jump, isSkipped: true)
            }
        }
        // Unreachable for a consistent timeline; answer with the first offset.
        let fallback = local - Int64(offsets[0])
        return ResolvedWallTime(earliest: fallback, latest: fallback, isSkipped: false)
    }
}

/// The instants of one wall time, in seconds since 1970 (see ``OffsetTimeline/resolve(localSeconds:)``).
struct ResolvedWallTime: Hashable {
    /// The first instant showing the wall time (or the jump, when skipped).
    var earliest: Int64
    /// The last instant showing the wall time (equal to ``earliest`` unless it repeats).
    var latest: Int64
    /// Whether the wall time falls in a gap and never happens.
    var isSkipped: Bool

    /// The public form of this resolution.
    var resolution: LocalTimeResolution {
        if isSkipped { return .skipped(transition: Date(secondsSince1970: earliest)) }
        if earliest == latest { return .unique(Date(secondsSince1970: earliest)) }
        return .repeated(earlier: Date(secondsSince1970: earliest), later: Date(secondsSince1970: latest))
    }
}
