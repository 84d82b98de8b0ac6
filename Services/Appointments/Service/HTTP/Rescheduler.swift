import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// Keeps the bookings of a site consistent with its calendar after the administration takes time
/// away (an absence, a closed day, a holiday, shorter hours): every confirmed booking whose slot is
/// no longer open on its counter is moved to another counter at the same time, else to the next
/// free slot (and the person is told), else kept and listed as unresolved (and the person asked to
/// call). Nothing is dropped silently: every booking looked at and changed is in the answer. A
/// moved booking keeps reminders (at its new sequence) and is told to the tenant's systems
/// (`appointment.moved` by the administration).
struct Rescheduler: Sendable {
    let planning: PlanningStore
    let bookings: BookingStore

    /// What happened to one affected booking.
    struct Outcome: Sendable, Encodable {
        let code: String
        /// `reassigned` (same time, another counter), `rescheduled` (another time) or `unresolved`.
        let outcome: String
        let previousStart: String
        let start: String
        let counter: String
    }

    /// How far after a booking the next free slot is looked for, in days.
    static let searchDays = 62

    /// Reconciles the confirmed bookings of `site` on the local dates `dates` that start after `now`.
    func reconcile(site: UUID, dates: ClosedRange<LocalDate>, tenant: TenantReference, now: Date) async throws -> [Outcome] {
        let settings = try await ConfigurationStore(database: planning.database).settings(tenant: tenant.id)
        let zone = settings.zone(tenantZone: tenant.timeZone)
        let from = max(zone.startOfDay(dates.lowerBound), now)
        let to = dates.upperBound.startOfNextDay(in: zone.timeZone)
        guard from < to else { return [] }
        let records = try await bookings.confirmedBookings(site: site, from: from, to: to, tenant: tenant.id)
        var outcomes: [Outcome] = []
        for serviceID in Set(records.map(\.booking.serviceID)).sorted(by: { $0.uuidString < $1.uuidString }) {
            guard
                var plan = try await planning.load(
                    site: site, service: serviceID, dates: dates.lowerBound...dates.upperBound.adding(days: Self.searchDays), tenant: tenant,
                    individually: true)
            else { continue }
            for record in records where record.booking.serviceID == serviceID {
                if let outcome = try await reconcile(record, plan: &plan, tenant: tenant, now: now) { outcomes.append(outcome) }
            }
        }
        return outcomes
    }

    /// Reconciles one booking against `plan`, which it updates when the booking moves.
    private func reconcile(_ record: BookingRecord, plan: inout Planning, tenant: TenantReference, now: Date) async throws -> Outcome? {
        let booking = record.booking
        let calculator = plan.calculator(excluding: [booking.id])
        let sameTime = (try? calculator.check(start: booking.start, channel: .desk, now: now, overridingWindow: true)) ?? []
        if sameTime.contains(where: { $0.counterID == booking.counterID }) { return nil }
        let (site, service, zone) = (plan.site, plan.service, plan.zone)
        let notice = { (moved: Booking) in
            BookingNotice(booking: moved, site: site, service: service, zone: zone, language: record.language)
        }
        let sequence = record.sequence + 1
        for candidate in sameTime {
            // Same time, another counter: nothing to tell the person, but reminders anew (the move withdraws them).
            var moved = booking
            moved.move(to: candidate.start, end: candidate.end, counterID: candidate.counterID)
            let reminders = notice(moved).reminders(plan.settings.reminders, now: now, sequence: sequence)
            guard try await move(record, to: candidate, plan: &plan, messages: reminders, tenant: tenant, now: now) else { continue }
            return outcome(record, "reassigned", start: booking.start, counter: candidate.counterID, zone: plan.zone)
        }
        for slot in calculator.nextSlots(after: booking.start, limit: 5, now: now) {
            let counters = (try? calculator.check(start: slot.start, channel: .desk, now: now, overridingWindow: true)) ?? []
            for candidate in counters {
                var moved = booking
                moved.move(to: candidate.start, end: candidate.end, counterID: candidate.counterID)
                let messages = notice(moved).messages(.rescheduled, deliverAfter: now)
                    + notice(moved).reminders(plan.settings.reminders, now: now, sequence: sequence)
                if try await move(record, to: candidate, plan: &plan, messages: messages, tenant: tenant, now: now) {
                    return outcome(record, "rescheduled", start: candidate.start, counter: candidate.counterID, zone: plan.zone)
                }
            }
        }
        try await bookings.record(notice(booking).messages(.unresolved, deliverAfter: now), tenant: tenant.id)
        return outcome(record, "unresolved", start: booking.start, counter: booking.counterID, zone: plan.zone)
    }

    /// Moves the booking under the constraint, with its messages and its `appointment.moved` event;
    /// false when the slot was taken meanwhile.
    private func move(
        _ record: BookingRecord, to slot: CounterSlot, plan: inout Planning, messages: [AppointmentMessage], tenant: TenantReference,
        now: Date
    ) async throws -> Bool {
        let placement = BookingStore.Placement(
            id: record.booking.id, siteID: plan.site.id, service: plan.service, counterID: slot.counterID, start: slot.start,
            end: slot.end, seats: record.booking.seats)
        var moved = record.booking
        moved.move(to: slot.start, end: slot.end, counterID: slot.counterID)
        let event = try bookings.outbox.recording(
            AppointmentEvents.moved,
            AppointmentEvents.BookingData(
                moved, language: record.language, sequence: record.sequence + 1, by: .administration, previousStart: record.booking.start,
                zone: plan.zone),
            tenant: tenant, at: now)
        do {
            try await bookings.move(record, to: placement, messages: messages, extra: [event], tenant: tenant.id, now: now)
        } catch let error where BookingStore.Refusal(error) == .slotTaken {
            return false
        }
        plan.occupancies.removeAll { $0.bookingID == record.booking.id }
        plan.occupancies.append(
            (record.booking.id,
             Occupancy(
                counterID: slot.counterID, serviceID: plan.service.id, start: slot.start, end: slot.end.adding(plan.service.bufferAfter),
                seats: record.booking.seats)))
        return true
    }

    private func outcome(_ record: BookingRecord, _ kind: String, start: Date, counter: UUID, zone: TenantTimeZone) -> Outcome {
        Outcome(
            code: record.booking.code.displayed, outcome: kind, previousStart: zone.format(record.booking.start),
            start: zone.format(start), counter: counter.lowercaseString)
    }
}
