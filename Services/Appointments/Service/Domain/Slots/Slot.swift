public import FoundationEssentials
public import GuichetCore

/// A free slot as offered to people: when it starts and ends and how many bookings it can still
/// take (free counters × capacity, or seats left in group sessions).
public struct Slot: Sendable, Hashable, Comparable {
    /// The start.
    public var start: Date
    /// The end (the service's duration after the start; the buffer is not shown).
    public var end: Date
    /// How many more bookings fit.
    public var remaining: Int

    /// A slot from its parts.
    public init(start: Date, end: Date, remaining: Int) {
        self.start = start
        self.end = end
        self.remaining = remaining
    }

    /// The slot as the API writes it: `{"start", "end", "remaining"}` with RFC 3339 times carrying
    /// the zone's offset at each instant.
    public func json(in zone: TenantTimeZone) -> JSONValue {
        .object([
            "start": .string(zone.format(start)), "end": .string(zone.format(end)),
            "remaining": .number(Double(remaining)),
        ])
    }

    /// Orders slots by start, then end.
    public static func < (lhs: Slot, rhs: Slot) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}

/// A free slot on one counter: where a booking for that start can go.
public struct CounterSlot: Sendable, Hashable {
    /// The counter.
    public var counterID: UUID
    /// The start.
    public var start: Date
    /// The end (without the buffer).
    public var end: Date
    /// Seats left on this counter at this start (1 for a free one-to-one slot).
    public var remaining: Int

    /// A counter slot from its parts.
    public init(counterID: UUID, start: Date, end: Date, remaining: Int) {
        self.counterID = counterID
        self.start = start
        self.end = end
        self.remaining = remaining
    }
}
