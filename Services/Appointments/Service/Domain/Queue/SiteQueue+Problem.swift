public import GuichetCore

extension SiteQueue.Failure {
    /// The problem reported to the client: `not_found` for an unknown ticket,
    /// `ticket_status_conflict` (with the ticket's `status`) otherwise.
    public func problem(language: Language) -> Problem {
        switch self {
        case .unknownTicket: Problem(.notFound, language: language)
        case .statusConflict(let status):
            Problem(.ticketStatusConflict, language: language).withExtension("status", .string(status.rawValue))
        }
    }
}
