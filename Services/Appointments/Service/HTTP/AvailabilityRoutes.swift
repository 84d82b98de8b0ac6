import FoundationEssentials
import GuichetCore
import GuichetHTTP
import GuichetPlatform

/// The free slots of a service at a site, and holds that keep one while a person fills in the form.
struct AvailabilityRoutes: Sendable {
    let dependencies: RouteDependencies
    var answers: SlotAnswers { SlotAnswers(dependencies: dependencies) }

    func install(on routes: RouteGroup) {
        let base = "/v1/:tenant/appointments"
        routes.get(base + "/availability", options: AppointmentAccess.anyone) { request, context in
            try await availability(request, context)
        }
        routes.post(base + "/holds", options: AppointmentAccess.publicWrite) { request, context in try await hold(request, context) }
    }

    /// `GET …/availability?site=&service=&from=&to=` → `{"site", "service", "time_zone", "slots": [{"start", "end",
    /// "remaining"}]}`, times in RFC 3339 with the tenant's offset at each instant.
    func availability(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        var errors: [FieldError] = []
        let site = RequestReading.uuid(request, "site", errors: &errors)
        let service = RequestReading.uuid(request, "service", errors: &errors)
        var dates: ClosedRange<LocalDate>?
        do {
            dates = try SlotCalculator.dateRange(from: request.query["from"], to: request.query["to"])
        } catch {
            errors += error.errors
        }
        guard errors.isEmpty, let site, let service, let dates else { throw Problem.validation(errors, language: context.language) }
        guard let planning = try await dependencies.planning.load(site: site, service: service, dates: dates, tenant: tenant) else {
            throw Problem(.notFound, language: context.language)
        }
        let calculator = planning.calculator()
        guard calculator.isServiceOffered else { throw Problem(.serviceNotOffered, language: context.language) }
        let slots = calculator.slots(from: dates.lowerBound, through: dates.upperBound, now: now)
        var json = JSONWriter(capacity: 128 + slots.count * 80)
        json.openObject()
        json.writeKey("service")
        json.write(service.lowercaseString)
        json.writeKey("site")
        json.write(site.lowercaseString)
        json.writeKey("slots")
        json.openArray()
        let zone = planning.zone
        // The offsets of the period, read once (asking the zone for each instant costs more).
        let timeline = zone.timeline(covering: dates.lowerBound.adding(days: -1)...dates.upperBound.adding(days: 1))
        for slot in slots {
            json.openObject()
            json.writeKey("end")
            json.write(RFC3339.format(slot.end, offsetSeconds: timeline.offset(at: slot.end.secondsSince1970)))
            json.writeKey("remaining")
            json.write(slot.remaining)
            json.writeKey("start")
            json.write(RFC3339.format(slot.start, offsetSeconds: timeline.offset(at: slot.start.secondsSince1970)))
            json.closeObject()
        }
        json.closeArray()
        json.writeKey("time_zone")
        json.write(zone.identifier)
        json.closeObject()
        return .json(bytes: json.bytes)
    }

    /// `POST …/holds` `{site, service, start}` → 201 `{id, start, end, expires_at}`: the slot is kept
    /// for the settings' hold lifetime; confirming a booking with `hold` turns it into the booking.
    func hold(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        let (tenant, now) = try context.tenantAndNow(dependencies)
        let body = try context.decode(HoldBody.self, from: request)
        var errors: [FieldError] = []
        let start = RequestReading.instant(body.start, at: "/start", errors: &errors)
        guard errors.isEmpty, let start else { throw Problem.validation(errors, language: context.language) }
        let key = try IdempotencyKey.of(request, context: context)
        if let key, let replay = try await dependencies.idempotency.replay(key, tenant: tenant.id, language: context.language) {
            return replay
        }
        let planning = try await answers.planning(site: body.site, service: body.service, around: start, tenant: tenant, language: context.language)
        let channel: Channel = AppointmentAccess.isDeskAgent(context) ? .desk : .web
        let candidates = try await answers.candidates(
            planning, start: start, channel: channel, now: now, overridingWindow: false, tenant: tenant, language: context.language)
        let expiresAt = now.adding(planning.settings.holdLifetime)
        for candidate in candidates {
            let placement = BookingStore.Placement(
                id: .timeOrdered(), siteID: body.site, service: planning.service, counterID: candidate.counterID, start: start,
                end: candidate.end, seats: 1)
            let view = BookingViews.HoldView(
                id: placement.id.lowercaseString, site: body.site.lowercaseString, service: body.service.lowercaseString,
                start: planning.zone.format(start), end: planning.zone.format(candidate.end), expiresAt: planning.zone.format(expiresAt))
            let response = try HTTPResponse.json(view, status: .created)
            let extra = key.map { [dependencies.idempotency.recording(response, for: $0, tenant: tenant.id)] } ?? []
            do {
                try await dependencies.bookings.placeHold(placement, expiresAt: expiresAt, extra: extra, tenant: tenant.id, now: now)
            } catch let error where BookingStore.Refusal(error) == .slotTaken {
                continue
            } catch let error where IdempotencyStore.isConcurrentDuplicate(error) {
                if let key, let replay = try await dependencies.idempotency.replay(key, tenant: tenant.id, language: context.language) {
                    return replay
                }
                throw error
            }
            return response
        }
        throw try await answers.problem(
            for: .taken, site: body.site, service: body.service, start: start, tenant: tenant, now: now, language: context.language)
    }
}
