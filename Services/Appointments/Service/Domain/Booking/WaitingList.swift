public import FoundationEssentials
public import GuichetCore

/// People waiting for a slot on a full day, offered freed slots first come, first served.
///
/// The list holds the entries of one site, service and local date. When a slot frees up,
/// ``offerNext(now:offerLifetime:)`` picks the entry that joined first among those still waiting and
/// marks it offered for a while; an offer not taken in time lapses and the next person is offered.
/// The store persists the entries; this type only decides.
public struct WaitingList: Sendable, Hashable {
    /// One person waiting.
    public struct Entry: Sendable, Hashable, Identifiable {
        /// Where the entry stands.
        public enum Status: String, Sendable, Hashable {
            /// Waiting for a slot.
            case waiting
            /// Offered a slot until ``Entry/offerExpiresAt``.
            case offered
            /// Took the slot offered.
            case accepted
            /// Let an offer lapse.
            case lapsed
            /// Left the list.
            case withdrawn
        }

        /// The entry's id.
        public var id: UUID
        /// The person, reached through their verified contact.
        public var contact: ContactDetails
        /// When they joined; earlier is served first.
        public var joinedAt: Date
        /// A tie-breaker for equal `joinedAt` (the store's insertion sequence).
        public var sequence: Int64
        /// Where the entry stands.
        public var status: Status
        /// Until when the current offer stands.
        public var offerExpiresAt: Date?

        /// An entry that is waiting.
        public init(id: UUID, contact: ContactDetails, joinedAt: Date, sequence: Int64, status: Status = .waiting, offerExpiresAt: Date? = nil) {
            self.id = id
            self.contact = contact
            self.joinedAt = joinedAt
            self.sequence = sequence
            self.status = status
            self.offerExpiresAt = offerExpiresAt
        }
    }

    /// The site.
    public let siteID: UUID
    /// The service.
    public let serviceID: UUID
    /// The local date the people wait for.
    public let date: LocalDate
    /// The entries, in the order they joined.
    public private(set) var entries: [Entry]

    /// A list for a site, service and date, with its entries (in any order).
    public init(siteID: UUID, serviceID: UUID, date: LocalDate, entries: [Entry] = []) {
        self.siteID = siteID
        self.serviceID = serviceID
        self.date = date
        self.entries = entries.sorted { ($0.joinedAt, $0.sequence) < ($1.joinedAt, $1.sequence) }
    }

    /// Adds a person at the end of the line, or returns their existing entry if they are already
    /// waiting or offered (same phone or email): nobody holds two places.
    @discardableResult
    public mutating func join(id: UUID, contact: ContactDetails, now: Date) -> Entry {
        if let existing = entries.first(where: { ($0.status == .waiting || $0.status == .offered) && $0.contact.isSamePerson(as: contact) }) {
            return existing
        }
        let sequence = (entries.map(\.sequence).max() ?? 0) + 1
        let entry = Entry(id: id, contact: contact, joinedAt: now, sequence: sequence)
        entries.append(entry)
        return entry
    }

    /// Lapses offers that expired by `now`.
    public mutating func lapseExpiredOffers(now: Date) {
        for index in entries.indices where entries[index].status == .offered {
            if let expiry = entries[index].offerExpiresAt, expiry <= now { entries[index].status = .lapsed }
        }
    }

    /// The people still waiting, first come first.
    public var waiting: [Entry] {
        entries.filter { $0.status == .waiting }
    }

    /// Offers a freed slot to the first person still waiting (after lapsing expired offers), for
    /// `offerLifetime`; `nil` when nobody waits.
    public mutating func offerNext(now: Date, offerLifetime: Duration = .seconds(2 * 3600)) -> Entry? {
        lapseExpiredOffers(now: now)
        guard let index = entries.firstIndex(where: { $0.status == .waiting }) else { return nil }
        entries[index].status = .offered
        entries[index].offerExpiresAt = Date(secondsSince1970: now.secondsSince1970 + offerLifetime.wholeSeconds)
        return entries[index]
    }

    /// Records that the person took the offer; `false` if the offer is not open at `now`.
    public mutating func accept(_ id: UUID, now: Date) -> Bool {
        lapseExpiredOffers(now: now)
        guard let index = entries.firstIndex(where: { $0.id == id }), entries[index].status == .offered else { return false }
        entries[index].status = .accepted
        return true
    }

    /// Removes a person from the line (waiting or offered); `false` if not in line.
    public mutating func withdraw(_ id: UUID) -> Bool {
        guard let index = entries.firstIndex(where: { $0.id == id }),
            entries[index].status == .waiting || entries[index].status == .offered
        else { return false }
        entries[index].status = .withdrawn
        return true
    }
}
