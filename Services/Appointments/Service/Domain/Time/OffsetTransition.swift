public import FoundationEssentials

/// A change of a zone's offset from UTC, such as Morocco's move to UTC+0 for Ramadan.
public struct OffsetTransition: Sendable, Hashable {
    /// The instant of the change.
    public var instant: Date
    /// The offset from UTC in seconds just before ``instant``.
    public var offsetBefore: Int
    /// The offset from UTC in seconds from ``instant`` on.
    public var offsetAfter: Int
    /// Whether the zone calls the period starting at ``instant`` daylight saving time.
    public var isDaylightSavingTimeAfter: Bool

    /// A transition from its parts.
    public init(instant: Date, offsetBefore: Int, offsetAfter: Int, isDaylightSavingTimeAfter: Bool) {
        self.instant = instant
        self.offsetBefore = offsetBefore
        self.offsetAfter = offsetAfter
        self.isDaylightSavingTimeAfter = isDaylightSavingTimeAfter
    }

    /// Whether the clocks go back (some wall times repeat).
    public var isFallBack: Bool { offsetAfter < offsetBefore }
}
