public import FoundationEssentials
import GuichetCore

/// The filters of GeoReport's `GET requests.json`, validated.
///
/// - `service_request_id`: ids, comma-separated; when given, **every other filter is ignored**
///   (as the specification says).
/// - `service_code`: category codes, repeated or comma-separated (none: all).
/// - `status`: `open` and/or `closed` (none: both); anything else is a 400.
/// - `start_date`, `end_date`: W3C date-times with an offset. The span may not exceed 90 days
///   (400). With only one given, the other is 90 days away; with neither, the last 90 days.
/// - `page`, `page_size` (the common extension): page from 1, size 1–1000 (default 1000).
///
/// Other parameters (`api_key`, `jurisdiction_id`, `format` …) are not filters and are ignored
/// here. Every error found is reported, with status 400.
public struct Open311RequestQuery: Sendable, Hashable {
    /// The requested ids; when not empty, the other filters do not apply.
    public var ids: [String]
    /// The category codes to include (empty: all).
    public var serviceCodes: [String]
    /// The GeoReport statuses to include (all when none was given).
    public var statuses: Set<Open311.Status>
    /// The earliest reception time included.
    public var start: Date
    /// The latest reception time included.
    public var end: Date
    /// The page, from 1.
    public var page: Int
    /// The page size, 1 to ``Open311/maximumRequests``.
    public var pageSize: Int

    /// The complaint statuses matching ``statuses``, for SQL.
    public var complaintStatuses: Set<ComplaintStatus> {
        statuses.reduce(into: []) { $0.formUnion($1.complaintStatuses) }
    }

    /// The rows to skip for ``page``.
    public var offset: Int { (page - 1) * pageSize }

    /// Validates the parameters of a GET, with `now` for the default date range.
    public init(_ parameters: Open311Parameters, now: Date) throws(Open311Failure) {
        var errors: [Open311Error] = []
        let ids = parameters.list("service_request_id")
        for id in ids where !Self.isValidID(id) {
            errors.append(Open311Error(code: 400, description: "service_request_id \(id.prefix(64)) is not valid"))
        }
        if ids.count > Open311.maximumRequests {
            errors.append(Open311Error(code: 400, description: "At most \(Open311.maximumRequests) service_request_id may be given"))
        }
        self.ids = ids
        var codes: [String] = []
        var statuses: Set<Open311.Status> = []
        var start = now.addingTimeInterval(-Open311.maximumDateSpan)
        var end = now
        if ids.isEmpty {
            codes = parameters.list("service_code")
            for code in codes where !ComplaintSubmission.isValidCategoryCode(code) {
                errors.append(Open311Error(code: 400, description: "service_code \(code.prefix(64)) is not valid"))
            }
            for value in parameters.list("status") {
                if let status = Open311.Status(rawValue: value) {
                    statuses.insert(status)
                } else {
                    errors.append(Open311Error(code: 400, description: "status \(value.prefix(64)) is not open or closed"))
                }
            }
            let startText = parameters.single("start_date", errors: &errors)
            let endText = parameters.single("end_date", errors: &errors)
            let startDate = startText.flatMap(Open311.parseDate)
            let endDate = endText.flatMap(Open311.parseDate)
            if let startText, startDate == nil {
                errors.append(Open311Error(code: 400, description: "start_date \(startText.prefix(64)) is not a W3C date-time with a time zone"))
            }
            if let endText, endDate == nil {
                errors.append(Open311Error(code: 400, description: "end_date \(endText.prefix(64)) is not a W3C date-time with a time zone"))
            }
            switch (startDate, endDate) {
            case (let from?, let to?):
                start = from
                end = to
                if to < from {
                    errors.append(Open311Error(code: 400, description: "end_date is before start_date"))
                } else if to.timeIntervalSince(from) > Open311.maximumDateSpan {
                    errors.append(Open311Error(code: 400, description: "The date range may not span more than 90 days"))
                }
            case (let from?, nil):
                start = from
                end = from.addingTimeInterval(Open311.maximumDateSpan)
            case (nil, let to?):
                start = to.addingTimeInterval(-Open311.maximumDateSpan)
                end = to
            case (nil, nil):
                break
            }
        }
        let page = Self.integer("page", in: parameters, range: 1...1_000_000, default: 1, errors: &errors)
        let pageSize = Self.integer("page_size", in: parameters, range: 1...Open311.maximumRequests, default: Open311.maximumRequests, errors: &errors)
        guard errors.isEmpty else { throw Open311Failure(status: 400, errors: errors) }
        self.serviceCodes = codes
        self.statuses = statuses.isEmpty ? Set(Open311.Status.allCases) : statuses
        self.start = start
        self.end = end
        self.page = page
        self.pageSize = pageSize
    }

    private static func integer(_ name: String, in parameters: Open311Parameters, range: ClosedRange<Int>, default value: Int, errors: inout [Open311Error]) -> Int {
        guard let text = parameters.single(name, errors: &errors) else { return value }
        guard text.utf8.count <= 9, let number = Int(text), range.contains(number) else {
            errors.append(Open311Error(code: 400, description: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return value
        }
        return number
    }

    /// Whether `id` can be a request id: 1 to 64 ASCII letters, digits and hyphens (a UUID).
    static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-")
            }
    }
}
