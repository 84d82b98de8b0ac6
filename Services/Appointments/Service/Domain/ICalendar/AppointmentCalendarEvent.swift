public import FoundationEssentials
public import GuichetCore

/// One appointment as an iCalendar document (RFC 5545), for the `.ics` download and email
/// attachments: a VCALENDAR with `METHOD:PUBLISH`, the tenant's VTIMEZONE and one VEVENT.
///
/// Times are written as local times with `TZID` (so that calendar programs show the office's wall
/// time) and the VTIMEZONE lists every offset change of the years the event touches — Morocco's
/// Ramadan changes included — so readers need no database of their own. One exception: a start or
/// end falling in the second pass of a repeated hour cannot be named by a local time (RFC 5545
/// reads an ambiguous local time as its first occurrence), so such an event is written in UTC.
/// Bookings on the slot grid never fall there.
public struct AppointmentCalendarEvent: Sendable, Hashable {
    /// Document-wide settings.
    public struct Configuration: Sendable, Hashable {
        /// The domain after `@` in UIDs (`<booking id>@guichet.ma`), stable for a deployment.
        public var uidDomain: String
        /// The PRODID property.
        public var productID: String

        /// Settings; by default UIDs at `guichet.ma`.
        public init(uidDomain: String = "guichet.ma", productID: String = "-//Guichet//Rendez-vous 1.0//FR") {
            self.uidDomain = uidDomain
            self.productID = productID
        }
    }

    /// The media type of the document.
    public static let mediaType = "text/calendar; charset=utf-8"

    /// The booking's id; the UID is derived from it, so updates replace the same event.
    public var bookingID: UUID
    /// The start.
    public var start: Date
    /// The end.
    public var end: Date
    /// The title (service and site).
    public var summary: String
    /// The address, if any.
    public var location: String?
    /// Longer text: booking code, documents to bring, how to cancel.
    public var description: String?
    /// The site's position, if known.
    public var geo: GeoPoint?
    /// Whether the booking is cancelled (`STATUS:CANCELLED`).
    public var isCancelled: Bool
    /// Incremented on each change (a move), so calendars replace older copies.
    public var sequence: Int
    /// Reminders before the start (VALARMs); empty for none.
    public var alarms: [Duration]
    /// The language of the texts (`LANGUAGE` parameter).
    public var language: Language

    /// An event from its parts.
    public init(
        bookingID: UUID, start: Date, end: Date, summary: String, location: String? = nil, description: String? = nil,
        geo: GeoPoint? = nil, isCancelled: Bool = false, sequence: Int = 0, alarms: [Duration] = [], language: Language = .fr
    ) {
        self.bookingID = bookingID
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
        self.geo = geo
        self.isCancelled = isCancelled
        self.sequence = sequence
        self.alarms = alarms
        self.language = language
    }

    /// The UID: the booking id in lower case, `@`, the configured domain.
    public func uid(configuration: Configuration = Configuration()) -> String {
        bookingID.uuidString.lowercased() + "@" + configuration.uidDomain
    }

    /// The document in UTF-8 with CRLF line ends, times in `zone`, stamped (`DTSTAMP`) at `stamp`.
    public func document(in zone: TenantTimeZone, stamp: Date, configuration: Configuration = Configuration()) -> [UInt8] {
        var content = ICalendarContent()
        content.append("BEGIN", "VCALENDAR")
        content.append("VERSION", "2.0")
        content.append("PRODID", ICalendarContent.escapeText(configuration.productID))
        content.append("CALSCALE", "GREGORIAN")
        content.append("METHOD", "PUBLISH")
        let useLocalTime = isNamedByLocalTime(start, in: zone) && isNamedByLocalTime(end, in: zone)
        if useLocalTime {
            let years = zone.localDate(at: start).year...zone.localDate(at: end).year
            ICalendarTimeZone(zone: zone).append(covering: years, to: &content)
        }
        content.append("BEGIN", "VEVENT")
        content.append("UID", ICalendarContent.escapeText(uid(configuration: configuration)))
        content.append("DTSTAMP", ICalendarTimeZone.utcDateTime(stamp))
        appendTime("DTSTART", start, zone: zone, local: useLocalTime, to: &content)
        appendTime("DTEND", end, zone: zone, local: useLocalTime, to: &content)
        let languageParameter = "LANGUAGE=" + language.tag
        content.append("SUMMARY", parameters: languageParameter, ICalendarContent.escapeText(summary))
        if let location { content.append("LOCATION", parameters: languageParameter, ICalendarContent.escapeText(location)) }
        if let geo {
            content.append("GEO", AppointmentCalendarEvent.decimal(geo.latitude) + ";" + AppointmentCalendarEvent.decimal(geo.longitude))
        }
        if let description {
            content.append("DESCRIPTION", parameters: languageParameter, ICalendarContent.escapeText(description))
        }
        content.append("STATUS", isCancelled ? "CANCELLED" : "CONFIRMED")
        content.append("SEQUENCE", String(max(sequence, 0)))
        content.append("TRANSP", "OPAQUE")
        if !isCancelled {
            for alarm in Set(alarms.map(\.wholeSeconds)).sorted(by: >) where alarm > 0 {
                content.append("BEGIN", "VALARM")
                content.append("ACTION", "DISPLAY")
                content.append("TRIGGER", "-" + AppointmentCalendarEvent.duration(seconds: alarm))
                content.append("DESCRIPTION", parameters: languageParameter, ICalendarContent.escapeText(summary))
                content.append("END", "VALARM")
            }
        }
        content.append("END", "VEVENT")
        content.append("END", "VCALENDAR")
        return content.bytes
    }

    /// Whether `instant` is what its local wall time means in `zone` (not the second pass of a
    /// repeated hour).
    private func isNamedByLocalTime(_ instant: Date, in zone: TenantTimeZone) -> Bool {
        guard let seconds = instant.exactSecondsSince1970 else { return false }
        let local = seconds + Int64(zone.offset(at: instant))
        let date = zone.localDate(at: instant)
        let resolved = zone.timeline(covering: date...date).resolve(localSeconds: local)
        return !resolved.isSkipped && resolved.earliest == seconds
    }

    private func appendTime(_ name: String, _ instant: Date, zone: TenantTimeZone, local: Bool, to content: inout ICalendarContent) {
        if local {
            let wall = instant.secondsSince1970 + Int64(zone.offset(at: instant))
            content.append(name, parameters: "TZID=" + zone.identifier, ICalendarTimeZone.localDateTime(wall))
        } else {
            content.append(name, ICalendarTimeZone.utcDateTime(instant))
        }
    }

    /// A DURATION value: `P2D`, `PT2H`, `PT1H30M`, `PT45S`.
    static func duration(seconds: Int64) -> String {
        if seconds % 86_400 == 0 { return "P\(seconds / 86_400)D" }
        var text = "PT"
        if seconds >= 3600 { text += "\(seconds / 3600)H" }
        if seconds % 3600 >= 60 { text += "\(seconds % 3600 / 60)M" }
        if seconds % 60 != 0 { text += "\(seconds % 60)S" }
        return text
    }

    /// A FLOAT value with at most six decimals (about 11 cm), no exponent.
    static func decimal(_ value: Double) -> String {
        String(fixedPoint: value, maximumFractionDigits: 6)
    }
}
