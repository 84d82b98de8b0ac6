public import FoundationEssentials
import GuichetCore

/// What managers measure over a period: bookings by channel and status, the no-show rate, how long
/// ahead people book, how much of the counters' open time is booked, and how long the on-site queue
/// waits.
public struct AppointmentStatistics: Sendable, Hashable {
    /// One booking, as counted.
    public struct BookingFact: Sendable, Hashable {
        /// How it was booked.
        public var channel: Channel
        /// Where it stands.
        public var status: BookingStatus
        /// Its start.
        public var start: Date
        /// Its end.
        public var end: Date
        /// When it was booked.
        public var createdAt: Date

        /// A fact from its parts.
        public init(channel: Channel, status: BookingStatus, start: Date, end: Date, createdAt: Date) {
            self.channel = channel
            self.status = status
            self.start = start
            self.end = end
            self.createdAt = createdAt
        }
    }

    /// One queue ticket, as counted.
    public struct TicketFact: Sendable, Hashable {
        /// When it was issued.
        public var issuedAt: Date
        /// When it was called, if it was.
        public var calledAt: Date?
        /// Where it stands.
        public var status: QueueTicket.Status

        /// A fact from its parts.
        public init(issuedAt: Date, calledAt: Date?, status: QueueTicket.Status) {
            self.issuedAt = issuedAt
            self.calledAt = calledAt
            self.status = status
        }
    }

    /// Bookings per channel (every channel listed, zero included).
    public var bookingsByChannel: [Channel: Int]
    /// Bookings per status (every status listed).
    public var bookingsByStatus: [BookingStatus: Int]
    /// No-shows among the appointments whose outcome is known (completed, checked in, no-show);
    /// nil when there is none.
    public var noShowRate: Double?
    /// The mean of the hours between booking and start (nil without bookings).
    public var averageLeadTimeHours: Double?
    /// The median of the hours between booking and start (nil without bookings).
    public var medianLeadTimeHours: Double?
    /// Minutes booked (cancelled bookings excluded).
    public var bookedMinutes: Int
    /// Minutes the counters were open.
    public var openMinutes: Int
    /// Queue tickets issued.
    public var ticketsIssued: Int
    /// Queue tickets served.
    public var ticketsServed: Int
    /// Queue tickets called whose holder did not come.
    public var ticketsNoShow: Int
    /// The mean minutes people waited before being called (nil when nobody was called).
    public var averageWaitMinutes: Double?
    /// The 90th percentile of the minutes people waited before being called.
    public var ninetiethPercentileWaitMinutes: Double?

    /// Booked minutes over open minutes (nil when nothing was open).
    public var utilisation: Double? {
        openMinutes > 0 ? Double(bookedMinutes) / Double(openMinutes) : nil
    }

    /// The statistics of `bookings` and `tickets`, with the counters open `openMinutes`.
    public init(bookings: [BookingFact], tickets: [TicketFact], openMinutes: Int) {
        var byChannel = Dictionary(uniqueKeysWithValues: Channel.allCases.map { ($0, 0) })
        var byStatus = Dictionary(uniqueKeysWithValues: BookingStatus.allCases.map { ($0, 0) })
        var leadTimes: [Double] = []
        var booked: Int64 = 0
        for booking in bookings {
            byChannel[booking.channel, default: 0] += 1
            byStatus[booking.status, default: 0] += 1
            leadTimes.append(Double(booking.start.secondsSince1970 - booking.createdAt.secondsSince1970) / 3600)
            if booking.status != .cancelled { booked += booking.end.secondsSince1970 - booking.start.secondsSince1970 }
        }
        bookingsByChannel = byChannel
        bookingsByStatus = byStatus
        let outcomes = (byStatus[.completed] ?? 0) + (byStatus[.checkedIn] ?? 0) + (byStatus[.noShow] ?? 0)
        noShowRate = outcomes > 0 ? Double(byStatus[.noShow] ?? 0) / Double(outcomes) : nil
        averageLeadTimeHours = Self.mean(leadTimes)
        medianLeadTimeHours = Self.percentile(leadTimes, 0.5)
        bookedMinutes = Int(booked / 60)
        self.openMinutes = openMinutes
        ticketsIssued = tickets.count
        ticketsServed = tickets.filter { $0.status == .served }.count
        ticketsNoShow = tickets.filter { $0.status == .noShow }.count
        let waits = tickets.compactMap { ticket in
            ticket.calledAt.map { Double($0.secondsSince1970 - ticket.issuedAt.secondsSince1970) / 60 }
        }
        averageWaitMinutes = Self.mean(waits)
        ninetiethPercentileWaitMinutes = Self.percentile(waits, 0.9)
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The nearest-rank percentile `p` (0…1) of `values`.
    static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = max(Int((p * Double(sorted.count)).rounded(.up)), 1)
        return sorted[min(rank, sorted.count) - 1]
    }
}
