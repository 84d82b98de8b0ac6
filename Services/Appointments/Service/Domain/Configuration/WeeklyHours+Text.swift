public import GuichetCore

extension WeeklyHours {
    /// Hours as the API writes them: `{"monday": ["08:30-12:00", "14:00-16:30"], …}`; a missing or
    /// empty day is closed. Each malformed member appends an error at `<pointer>/<weekday>` (not a
    /// weekday) or `<pointer>/<weekday>/<index>` (not `HH:MM-HH:MM` with start before end).
    public static func parse(_ days: [String: [String]], at pointer: String, errors: inout [FieldError]) -> WeeklyHours {
        var ranges: [Weekday: [LocalTimeRange]] = [:]
        for name in days.keys.sorted() {
            guard let weekday = Weekday(rawValue: name) else {
                errors.append(.unknownValue(pointer + "/" + name, allowed: Weekday.allCases.map(\.rawValue)))
                continue
            }
            ranges[weekday] = LocalTimeRange.parse(days[name] ?? [], at: pointer + "/" + name, errors: &errors)
        }
        return WeeklyHours(ranges)
    }

    /// The hours as the API writes them: every weekday, with its sorted ranges (empty when closed).
    public var text: [String: [String]] {
        Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0.rawValue, self[$0].map(\.description)) })
    }
}

extension LocalTimeRange {
    /// Ranges from `HH:MM-HH:MM` texts; each malformed one appends `invalid_format` at
    /// `<pointer>/<index>` and is left out.
    public static func parse(_ texts: [String], at pointer: String, errors: inout [FieldError]) -> [LocalTimeRange] {
        var ranges: [LocalTimeRange] = []
        for (index, text) in texts.enumerated() {
            if let range = LocalTimeRange(parsing: text) {
                ranges.append(range)
            } else {
                errors.append(.invalidFormat(pointer + "/\(index)", format: timeRangeFormat))
            }
        }
        return ranges
    }

    /// The expected form of a time range, for error messages.
    static let timeRangeFormat = LocalizedText(fr: "HH:MM-HH:MM", ar: "HH:MM-HH:MM", en: "HH:MM-HH:MM")
}
