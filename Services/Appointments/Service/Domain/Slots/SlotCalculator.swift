public import FoundationEssentials
public import GuichetCore

/// Computes the free slots of one service at one site, in the tenant's zone.
///
/// For each local date and each counter that handles the service, the open ranges are the
/// counter's hours (its exception for the date, or its weekly schedule) inside the site's opening
/// hours, minus the holiday's closed hours. Each range is cut on the service's grid — starts at
/// range start + k × (duration + buffer), as wall times — and a slot is kept when it ends inside
/// the range, overlaps no absence, has a seat left after bookings and live holds, and starts inside
/// the booking window. Slots of all counters are then merged by start, their seats added up.
///
/// Wall times that never happen (the clocks jump forward over them) give no slot; wall times that
/// happen twice (the clocks go back) give one slot, at the first occurrence.
///
/// ```
///  counter A  |08:30 09:00 09:30 ... 11:30|        |14:00 ... 16:00|
///  counter B  |08:30 09:00 ...|                     absence
///  booked                09:30 (A)
///  merged     08:30×2 09:00×2 09:30×1 ...
/// ```
///
/// Build one per request (it indexes the bookings it is given); it does no I/O.
public struct SlotCalculator: Sendable {
    /// Limits of the computation.
    public struct Configuration: Sendable, Hashable {
        /// The most local dates one availability query may cover.
        public var maximumDays: Int
        /// How many days after a taken slot ``SlotCalculator/nextSlots(after:limit:now:)`` looks.
        public var nextSlotsSearchDays: Int

        /// Limits; by default 92 days per query and 62 days of search for next slots.
        public init(maximumDays: Int = 92, nextSlotsSearchDays: Int = 62) {
            self.maximumDays = maximumDays
            self.nextSlotsSearchDays = nextSlotsSearchDays
        }
    }

    /// The tenant's zone.
    public let zone: TenantTimeZone
    /// The site.
    public let site: Site
    /// The service booked.
    public let service: AppointmentService
    /// The tenant's holidays.
    public let holidays: TenantHolidays
    /// The limits.
    public let configuration: Configuration
    /// The counters of the site that handle the service, in the order given.
    public let counters: [SiteCounter]

    /// Per counter: its absences and its occupancies, indexed.
    let plans: [CounterPlan]
    let durationSeconds: Int64
    let stepSeconds: Int64
    let bufferSeconds: Int64
    let seatRule: SeatRule

    /// A calculator for `service` at `site`. `counters`, `absences` and `occupancies` may include
    /// other sites' and services' entries: counters of other sites or not handling the service are
    /// ignored, and so are absences and occupancies of ignored counters. An occupancy of another
    /// service on a kept counter still blocks it.
    public init(
        zone: TenantTimeZone, site: Site, service: AppointmentService, counters: [SiteCounter],
        holidays: TenantHolidays = .none, absences: [Absence] = [], occupancies: [Occupancy] = [],
        configuration: Configuration = Configuration()
    ) {
        self.zone = zone
        self.site = site
        self.service = service
        self.holidays = holidays
        self.configuration = configuration
        let kept = counters.filter { $0.siteID == site.id && $0.handles(service.id) }
        self.counters = kept
        self.durationSeconds = max(service.duration.wholeSeconds, 60)
        self.bufferSeconds = max(service.bufferAfter.wholeSeconds, 0)
        self.stepSeconds = durationSeconds + bufferSeconds
        self.seatRule = SeatRule(id: service.id, capacity: service.capacity)
        // Bookings arrive by the thousand: find each one's counter by comparing ids (cheaper than
        // hashing for the few counters of a site), or through a dictionary for many counters.
        let ids = kept.map(\.id)
        let positions = ids.count > 16 ? Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) : [:]
        func position(of id: UUID) -> Int? {
            ids.count > 16 ? positions[id] : ids.firstIndex(of: id)
        }
        var absencesByCounter = [[(start: Int64, end: Int64)]](repeating: [], count: kept.count)
        for absence in absences {
            guard let index = position(of: absence.counterID) else { continue }
            absencesByCounter[index].append((absence.start.secondsSince1970, absence.end.secondsSince1970))
        }
        var occupanciesByCounter = [[Occupancy]](repeating: [], count: kept.count)
        for occupancy in occupancies {
            guard let index = position(of: occupancy.counterID) else { continue }
            occupanciesByCounter[index].append(occupancy)
        }
        self.plans = kept.indices.map { index in
            CounterPlan(
                counter: kept[index], site: site, absences: absencesByCounter[index], occupancies: occupanciesByCounter[index])
        }
    }

    /// Whether the service can be booked at the site at all: the site offers it and at least one
    /// of the site's counters handles it.
    public var isServiceOffered: Bool {
        service.isOffered(at: site.id) && !counters.isEmpty
    }

    /// The free slots starting on the local dates `from...through` (at most
    /// ``Configuration/maximumDays`` days from `from`), inside the booking window at `now`, in order.
    public func slots(from: LocalDate, through: LocalDate, now: Date) -> [Slot] {
        guard isServiceOffered, from <= through else { return [] }
        let window = bookingWindow(now: now)
        guard window.earliest <= window.latest else { return [] }
        let first = max(from, zone.localDate(at: Date(secondsSince1970: window.earliest)))
        let last = min(through, zone.localDate(at: Date(secondsSince1970: window.latest)), from.adding(days: configuration.maximumDays - 1))
        guard first <= last else { return [] }
        let timeline = zone.timeline(covering: first...last)
        var slots: [Slot] = []
        slots.reserveCapacity(first.days(until: last) * 32 + 32)
        var day: [Int64] = []
        var intervals: [OpenInterval] = []
        var date = first
        while date <= last {
            collectOpenIntervals(on: date, timeline: timeline, into: &intervals)
            collectFreeSlots(in: intervals, timeline: timeline, window: window, now: now.secondsSince1970, into: &day)
            appendMerged(&day, to: &slots)
            date = date.adding(days: 1)
        }
        return slots
    }

    /// The free slots of each counter starting on `date`, inside the booking window at `now`,
    /// ordered by start and then by the order of ``counters``.
    public func counterSlots(on date: LocalDate, now: Date) -> [CounterSlot] {
        guard isServiceOffered else { return [] }
        let timeline = zone.timeline(covering: date...date)
        var found: [(slot: CounterSlot, plan: Int)] = []
        let window = bookingWindow(now: now)
        var intervals: [OpenInterval] = []
        collectOpenIntervals(on: date, timeline: timeline, into: &intervals)
        for interval in intervals {
            let plan = plans[interval.plan]
            forEachGridStart(in: interval, timeline: timeline) { start in
                guard start >= window.earliest && start <= window.latest else { return }
                let remaining = plan.remainingSeats(
                    start: start, end: start + durationSeconds, occupiedEnd: start + durationSeconds + bufferSeconds,
                    service: seatRule, now: now.secondsSince1970)
                if remaining > 0 {
                    let slot = CounterSlot(
                        counterID: plan.counter.id, start: Date(secondsSince1970: start),
                        end: Date(secondsSince1970: start + durationSeconds), remaining: remaining)
                    found.append((slot, interval.plan))
                }
            }
        }
        found.sort { ($0.slot.start, $0.plan) < ($1.slot.start, $1.plan) }
        return found.map(\.slot)
    }

    /// Parses an availability query's `from` and `to` (`YYYY-MM-DD`, `to` on or after `from`, at
    /// most ``Configuration/maximumDays`` days); throws a `validation_failed` problem naming
    /// `/from` or `/to`.
    public static func dateRange(
        from: String?, to: String?, configuration: Configuration = Configuration()
    ) throws(Problem) -> ClosedRange<LocalDate> {
        var errors: [FieldError] = []
        let date = LocalizedText(fr: "date AAAA-MM-JJ", ar: "تاريخ YYYY-MM-DD", en: "date YYYY-MM-DD")
        let first = from.flatMap { LocalDate($0) }
        let last = to.flatMap { LocalDate($0) }
        if from == nil { errors.append(.required("/from")) } else if first == nil { errors.append(.invalidFormat("/from", format: date)) }
        if to == nil { errors.append(.required("/to")) } else if last == nil { errors.append(.invalidFormat("/to", format: date)) }
        if let first, let last {
            if last < first {
                errors.append(.invalidRange("/to"))
            } else if first.days(until: last) >= configuration.maximumDays {
                errors.append(.outOfRange("/to", minimum: 0, maximum: Double(configuration.maximumDays - 1)))
            }
        }
        guard errors.isEmpty, let first, let last else { throw Problem.validation(errors) }
        return first...last
    }
}
