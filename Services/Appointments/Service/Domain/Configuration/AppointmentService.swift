public import FoundationEssentials
public import GuichetCore

/// A kind of appointment people book (a "motif": passport renewal, a group information session):
/// how long it lasts, how many people a slot takes, where and how it can be booked, and its rules.
public struct AppointmentService: Sendable, Hashable, Identifiable {
    /// The service's id.
    public var id: UUID
    /// The name, in French and optionally Arabic and English.
    public var name: LocalizedText
    /// How long an appointment lasts.
    public var duration: Duration
    /// Time the counter keeps free after each appointment (paperwork); slots start every
    /// ``duration`` + ``bufferAfter``.
    public var bufferAfter: Duration
    /// People per slot: 1 for a one-to-one appointment, more for a group session.
    public var capacity: Int
    /// What to bring, shown when booking and in reminders.
    public var requiredDocuments: LocalizedText?
    /// How soon and how far ahead the service can be booked.
    public var bookingWindow: BookingWindow
    /// A booking can be cancelled by its holder until this long before its start.
    public var cancellationCutoff: Duration
    /// A booking can be moved by its holder until this long before its start.
    public var moveCutoff: Duration
    /// How the service can be booked.
    public var channels: Set<Channel>
    /// How many future bookings of this service one person may hold at once (the cap K).
    public var perPersonCap: Int
    /// The sites that offer the service.
    public var siteIDs: Set<UUID>
    /// The letters before the number of this service's queue tickets (`A` gives `A007`).
    public var ticketPrefix: String

    /// A service from its parts; defaults: no buffer, one person per slot, the default window,
    /// cut-offs of 24 hours, every channel, one future booking per person, prefix `A`.
    public init(
        id: UUID, name: LocalizedText, duration: Duration, bufferAfter: Duration = .zero, capacity: Int = 1,
        requiredDocuments: LocalizedText? = nil, bookingWindow: BookingWindow = BookingWindow(),
        cancellationCutoff: Duration = .seconds(86_400), moveCutoff: Duration = .seconds(86_400),
        channels: Set<Channel> = Set(Channel.allCases), perPersonCap: Int = 1, siteIDs: Set<UUID>,
        ticketPrefix: String = "A"
    ) {
        self.id = id
        self.name = name
        self.duration = duration
        self.bufferAfter = bufferAfter
        self.capacity = capacity
        self.requiredDocuments = requiredDocuments
        self.bookingWindow = bookingWindow
        self.cancellationCutoff = cancellationCutoff
        self.moveCutoff = moveCutoff
        self.channels = channels
        self.perPersonCap = perPersonCap
        self.siteIDs = siteIDs
        self.ticketPrefix = ticketPrefix
    }

    /// The distance between two slot starts: duration plus buffer.
    public var step: Duration { duration + bufferAfter }

    /// Whether `site` offers this service.
    public func isOffered(at site: UUID) -> Bool {
        siteIDs.contains(site)
    }

    /// Whether a group session (more than one person per slot).
    public var isGroupSession: Bool { capacity > 1 }

    /// The rule of the name's translations: one line of at most 200 characters.
    public static let nameRule = TextRule(minimumLength: 1, maximumLength: 200)
    /// The rule of the required documents' translations: at most 2000 characters, on several lines.
    public static let requiredDocumentsRule = TextRule(minimumLength: 1, maximumLength: 2000, allowsLineBreaks: true)

    /// The field errors, as JSON pointers: `/name/fr`, `/duration_minutes` (whole minutes, 5
    /// minutes to 8 hours), `/buffer_minutes` (0 to 4 hours), `/capacity` (1–500), `/required_documents/fr`
    /// (≤ 2000), `/booking_window/...`, `/cancellation_cutoff_minutes` and `/move_cutoff_minutes` (0 to 30 days),
    /// `/channels` (at least one), `/per_person_cap` (1–100), `/sites` (at least one),
    /// `/ticket_prefix` (one or two capital letters A–Z).
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        AppointmentService.nameRule.clean(name, field: "/name", errors: &errors)
        errors += FieldError.validateMinutes(duration, at: "/duration_minutes", in: 5...480)
        errors += FieldError.validateMinutes(bufferAfter, at: "/buffer_minutes", in: 0...240)
        if !(1...500).contains(capacity) { errors.append(.outOfRange("/capacity", minimum: 1, maximum: 500)) }
        if let requiredDocuments {
            AppointmentService.requiredDocumentsRule.clean(requiredDocuments, field: "/required_documents", errors: &errors)
        }
        errors += bookingWindow.validate(at: "/booking_window")
        errors += FieldError.validateMinutes(cancellationCutoff, at: "/cancellation_cutoff_minutes", in: 0...(30 * 1440))
        errors += FieldError.validateMinutes(moveCutoff, at: "/move_cutoff_minutes", in: 0...(30 * 1440))
        if channels.isEmpty { errors.append(.required("/channels")) }
        if !(1...100).contains(perPersonCap) { errors.append(.outOfRange("/per_person_cap", minimum: 1, maximum: 100)) }
        if siteIDs.isEmpty { errors.append(.required("/sites")) }
        let prefix = ticketPrefix.utf8
        if !(1...2).contains(prefix.count) || !prefix.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
            errors.append(
                .invalidFormat("/ticket_prefix", format: LocalizedText(fr: "1 ou 2 lettres A–Z", ar: "حرف أو حرفان A–Z", en: "1 or 2 letters A–Z")))
        }
        return errors
    }
}
