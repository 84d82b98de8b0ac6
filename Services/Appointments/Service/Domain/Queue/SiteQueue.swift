public import FoundationEssentials
public import GuichetCore

/// The on-site queue of one site for one local day: issuing numbered tickets, calling the next
/// person to a counter, and closing tickets as served or no-show.
///
/// Numbers restart each day and run per prefix (`A001`, `A002`, `B001` …), so labels stay unique
/// even when services share a prefix. Calling order: checked-in visitors whose appointment time has
/// come go first (earliest appointment first), then everyone else in the order they arrived.
/// A value type: the store loads the day's tickets, applies one action and saves the result under
/// a row lock or version check.
public struct SiteQueue: Sendable, Hashable {
    /// Why an action on a ticket is refused.
    public enum Failure: Error, Sendable, Hashable {
        /// No ticket has this label.
        case unknownTicket
        /// The ticket's status does not allow the action.
        case statusConflict(QueueTicket.Status)
    }

    /// The site.
    public let siteID: UUID
    /// The local date.
    public let date: LocalDate
    /// Every ticket of the day, in issue order.
    public private(set) var tickets: [QueueTicket]

    /// A queue with the day's tickets so far (in any order).
    public init(siteID: UUID, date: LocalDate, tickets: [QueueTicket] = []) {
        self.siteID = siteID
        self.date = date
        self.tickets = tickets.sorted { ($0.issuedAt, $0.prefix, $0.number) < ($1.issuedAt, $1.prefix, $1.number) }
    }

    /// Issues the next ticket of `prefix` for a service.
    @discardableResult
    public mutating func issue(serviceID: UUID, prefix: String, origin: QueueTicket.Origin, at now: Date) -> QueueTicket {
        let number = (tickets.lazy.filter { $0.prefix == prefix }.map(\.number).max() ?? 0) + 1
        let ticket = QueueTicket(number: number, prefix: prefix, serviceID: serviceID, origin: origin, issuedAt: now)
        tickets.append(ticket)
        return ticket
    }

    /// Calls the next waiting ticket that `counterID` can serve (one of `services`, or any service
    /// when `nil`) and returns it; `nil` when nobody waits for those services.
    public mutating func callNext(counterID: UUID, services: Set<UUID>? = nil, at now: Date) -> QueueTicket? {
        var best: Int?
        for index in tickets.indices where tickets[index].status == .waiting {
            if let services, !services.contains(tickets[index].serviceID) { continue }
            guard let current = best else {
                best = index
                continue
            }
            if precedes(tickets[index], tickets[current], now: now) { best = index }
        }
        guard let index = best else { return nil }
        tickets[index].status = .called
        tickets[index].calledAt = now
        tickets[index].counterID = counterID
        return tickets[index]
    }

    /// Closes a called ticket as served.
    public mutating func markServed(_ label: String, at now: Date) throws(Failure) {
        try close(label, as: .served, at: now)
    }

    /// Closes a called ticket as a no-show (called, but the person did not come).
    public mutating func markNoShow(_ label: String, at now: Date) throws(Failure) {
        try close(label, as: .noShow, at: now)
    }

    /// Puts a called ticket back in line (the person was not there yet), keeping its place.
    public mutating func requeue(_ label: String) throws(Failure) {
        guard let index = tickets.firstIndex(where: { $0.label == label }) else { throw .unknownTicket }
        guard tickets[index].status == .called else { throw .statusConflict(tickets[index].status) }
        tickets[index].status = .waiting
        tickets[index].counterID = nil
    }

    /// The ticket with this label.
    public func ticket(_ label: String) -> QueueTicket? {
        tickets.first { $0.label == label }
    }

    /// How many tickets wait, for one service or for all.
    public func waitingCount(serviceID: UUID? = nil) -> Int {
        tickets.reduce(0) { count, ticket in
            count + (ticket.status == .waiting && (serviceID == nil || ticket.serviceID == serviceID) ? 1 : 0)
        }
    }

    /// How many tickets wait, per service.
    public var waitingCounts: [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for ticket in tickets where ticket.status == .waiting { counts[ticket.serviceID, default: 0] += 1 }
        return counts
    }

    /// The ticket's place in line among those waiting for the same service (1 is next), or `nil`.
    public func position(of label: String, at now: Date) -> Int? {
        guard let ticket = ticket(label), ticket.status == .waiting else { return nil }
        return 1 + tickets.reduce(0) { count, other in
            count + (other.status == .waiting && other.serviceID == ticket.serviceID && precedes(other, ticket, now: now) ? 1 : 0)
        }
    }

    /// Whether `lhs` is called before `rhs` at `now`: due appointments first (earliest start),
    /// then arrival order.
    private func precedes(_ lhs: QueueTicket, _ rhs: QueueTicket, now: Date) -> Bool {
        let lhsDue = lhs.appointmentStart.map { $0 <= now } ?? false
        let rhsDue = rhs.appointmentStart.map { $0 <= now } ?? false
        if lhsDue != rhsDue { return lhsDue }
        if lhsDue, let left = lhs.appointmentStart, let right = rhs.appointmentStart, left != right { return left < right }
        return (lhs.issuedAt, lhs.prefix, lhs.number) < (rhs.issuedAt, rhs.prefix, rhs.number)
    }

    private mutating func close(_ label: String, as status: QueueTicket.Status, at now: Date) throws(Failure) {
        guard let index = tickets.firstIndex(where: { $0.label == label }) else { throw .unknownTicket }
        guard tickets[index].status == .called else { throw .statusConflict(tickets[index].status) }
        tickets[index].status = status
        tickets[index].closedAt = now
    }
}
