import FoundationEssentials
import GuichetCore
import GuichetPlatform

/// What booking, holding and moving share: reading the planning around a start, and the problems
/// of a start that cannot be booked — a taken slot's 409 with the next free slots.
struct SlotAnswers: Sendable {
    let dependencies: RouteDependencies

    /// The planning of the local dates around `start` (any zone), without the bookings in
    /// `excluding`, or a 422 naming the unknown `/site` or `/service`.
    func planning(
        site: UUID, service: UUID, around start: Date, tenant: TenantReference, language: Language, excluding: [UUID] = []
    ) async throws -> Planning {
        let day = LocalDate(clampingDaysSince1970: Int(start.secondsSince1970 / 86_400))
        if let planning = try await dependencies.planning.load(
            site: site, service: service, dates: day.adding(days: -1)...day.adding(days: 1), tenant: tenant, excluding: excluding)
        {
            return planning
        }
        var errors: [FieldError] = []
        if try await dependencies.configuration.site(site, tenant: tenant.id) == nil { errors.append(.unknownReference("/site")) }
        if try await dependencies.configuration.service(service, tenant: tenant.id) == nil { errors.append(.unknownReference("/service")) }
        throw Problem.validation(errors, language: language)
    }

    /// The problem of a rejected start; a taken slot's carries `next_slots`, read afresh.
    func problem(
        for rejection: SlotRejection, site: UUID, service: UUID, start: Date, tenant: TenantReference, now: Date, language: Language
    ) async throws -> Problem {
        guard rejection == .taken else { return Problem(rejection.kind, language: language) }
        let configuration = SlotCalculator.Configuration()
        let day = LocalDate(clampingDaysSince1970: Int(start.secondsSince1970 / 86_400))
        guard
            let planning = try await dependencies.planning.load(
                site: site, service: service, dates: day.adding(days: -1)...day.adding(days: configuration.nextSlotsSearchDays + 1),
                tenant: tenant)
        else { return Problem(rejection.kind, language: language) }
        return planning.calculator(configuration: configuration).problem(for: .taken, start: start, now: now, language: language)
    }

    /// The free counters for `start` in a random order (so that concurrent bookings of one start
    /// spread over the counters instead of all trying the first), or the problem to answer.
    func candidates(
        _ planning: Planning, start: Date, channel: Channel, now: Date, overridingWindow: Bool, tenant: TenantReference,
        language: Language
    ) async throws -> [CounterSlot] {
        do {
            return try planning.calculator()
                .check(start: start, channel: channel, now: now, overridingWindow: overridingWindow).shuffled()
        } catch {
            throw try await problem(
                for: error, site: planning.site.id, service: planning.service.id, start: start, tenant: tenant, now: now,
                language: language)
        }
    }
}
