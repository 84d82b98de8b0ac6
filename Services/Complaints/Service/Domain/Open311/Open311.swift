public import FoundationEssentials
import GuichetCore

/// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): the constants of the specification,
/// and the mapping of complaint statuses to its two statuses. The mapping types are
/// ``Open311Service``, ``Open311ServiceDefinition``, ``Open311ServiceRequest``,
/// ``Open311RequestQuery``, ``Open311Submission``, ``Open311Discovery`` and ``Open311Error``.
///
/// JSON only (the specification allows it when discovery says so). Times are ISO 8601 / W3C
/// date-times with an offset, written in the tenant's zone. `jurisdiction_id` is the tenant's slug.
///
/// `service_request_id` is the complaint's public id (its UUID), **never its tracking code**:
/// GET requests are public in GeoReport, and the tracking code is the secret that lets a citizen
/// follow (and reopen) a complaint without an account.
public enum Open311 {
    /// The specification's identifier, as discovery documents name it.
    public static let specification = "http://wiki.open311.org/GeoReport_v2"
    /// The media type of the JSON format.
    public static let jsonMediaType = "application/json; charset=utf-8"
    /// The largest span between `start_date` and `end_date`: 90 days.
    public static let maximumDateSpan: TimeInterval = 90 * 86_400
    /// The most requests one GET returns (the specification's default limit).
    public static let maximumRequests = 1000
    /// The longest `description` the specification allows, in characters.
    public static let maximumDescriptionLength = 4000

    /// A service request's status in GeoReport: `open` or `closed`.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Reported, not resolved.
        case open
        /// Resolved: answered, closed, rejected or merged.
        case closed

        /// The GeoReport status of a complaint status: answered, closed, rejected and merged are
        /// `closed` (the administration has given its answer); everything else is `open`.
        public init(_ status: ComplaintStatus) {
            switch status {
            case .answered, .closed, .rejected, .merged: self = .closed
            case .received, .acknowledged, .assigned, .inProgress, .reopened: self = .open
            }
        }

        /// The complaint statuses this GeoReport status stands for (for filtering in SQL).
        public var complaintStatuses: Set<ComplaintStatus> {
            Set(ComplaintStatus.allCases.filter { Status($0) == self })
        }
    }

    /// Formats an instant as GeoReport wants it: `2026-03-01T08:30:00+01:00`, in `timeZone`.
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        RFC3339.format(date, in: timeZone)
    }

    /// Parses a W3C date-time as GeoReport clients send it: RFC 3339 with seconds, or without
    /// seconds (`2010-01-01T00:00Z`), always with `Z` or an offset; `nil` otherwise.
    public static func parseDate(_ text: String) -> Date? {
        if let date = RFC3339.parse(text) { return date }
        // Without seconds: insert ":00" after the minutes and try again.
        let bytes = Array(text.utf8.prefix(RFC3339.maximumLength))
        guard bytes.count >= 17, bytes.count < RFC3339.maximumLength, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":")
        else { return nil }
        let withSeconds = bytes[..<16] + Array(":00".utf8) + bytes[16...]
        return RFC3339.parse(String(decoding: withSeconds, as: UTF8.self))
    }
}
