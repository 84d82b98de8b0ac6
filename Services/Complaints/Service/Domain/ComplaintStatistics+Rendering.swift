import GuichetCore

extension ComplaintStatistics {
    /// The statistics as JSON:
    ///
    /// ```json
    /// {"dimension": "month", "as_of": "2026-04-01T00:00:00Z",
    ///  "groups": [{"key": "2026-03", "received": 120, "answered": 100, "due": 110,
    ///              "answered_in_time": 88, "answered_in_time_rate": 0.8, "median_answer_delay_days": 12.5,
    ///              "reopened": 6, "reopen_rate": 0.06, "rated": 40, "satisfied": 31, "satisfaction_rate": 0.775}],
    ///  "total": {…the same figures…}}
    /// ```
    ///
    /// Rates are fractions rounded to 4 decimals and delays are days rounded to 2; a rate or
    /// median with nothing to divide or sort is `null`.
    public var encodedJSON: [UInt8] {
        var json = JSONWriter(capacity: 256 + groups.count * 320)
        json.openObject()
        json.writeKey("dimension")
        json.write(dimension.rawValue)
        json.writeKey("as_of")
        json.write(RFC3339.formatUTC(asOf))
        json.writeKey("groups")
        json.openArray()
        for group in groups {
            json.openObject()
            json.writeKey("key")
            if let key = group.key { json.write(key) } else { json.writeNull() }
            Self.writeMembers(of: group.figures, to: &json)
            json.closeObject()
        }
        json.closeArray()
        json.writeKey("total")
        json.openObject()
        Self.writeMembers(of: total, to: &json)
        json.closeObject()
        json.closeObject()
        return json.bytes
    }

    private static func writeMembers(of figures: Figures, to json: inout JSONWriter) {
        func write(_ key: String, _ value: Int) {
            json.writeKey(key)
            json.write(value)
        }
        func write(_ key: String, _ value: Double?, decimals: Double) {
            json.writeKey(key)
            if let value { json.write((value * decimals).rounded() / decimals) } else { json.writeNull() }
        }
        write("received", figures.received)
        write("answered", figures.answered)
        write("due", figures.due)
        write("answered_in_time", figures.answeredInTime)
        write("answered_in_time_rate", figures.answeredInTimeRate, decimals: 10_000)
        write("median_answer_delay_days", figures.medianAnswerDelayDays, decimals: 100)
        write("reopened", figures.reopened)
        write("reopen_rate", figures.reopenRate, decimals: 10_000)
        write("rated", figures.rated)
        write("satisfied", figures.satisfied)
        write("satisfaction_rate", figures.satisfactionRate, decimals: 10_000)
    }

    /// The statistics as CSV for a spreadsheet (see ``CSVWriter``: UTF-8 with a byte order mark,
    /// formulas neutralised): a header row in `language`, a row per group, then a total row.
    /// Rates are percentages with one decimal and delays days with one decimal; an undefined
    /// figure is an empty cell. `labels` replaces keys by names (category codes by their names,
    /// say); a group without a key is labelled "(none)" in `language`.
    public func csv(language: Language, labels: [String: String] = [:], configuration: CSVWriter.Configuration = .init()) -> [UInt8] {
        var csv = CSVWriter(configuration: configuration, capacity: 512 + groups.count * 96)
        csv.writeRow([dimension.displayName.text(in: language)] + Self.headers.map { $0.text(in: language) })
        for group in groups {
            let label = group.key.map { labels[$0] ?? $0 } ?? LocalizedText(fr: "(aucune)", ar: "(بدون)", en: "(none)").text(in: language)
            csv.writeField(label)
            Self.writeCells(of: group.figures, to: &csv)
        }
        csv.writeField(LocalizedText(fr: "Total", ar: "المجموع", en: "Total").text(in: language))
        Self.writeCells(of: total, to: &csv)
        return csv.bytes
    }

    private static let headers: [LocalizedText] = [
        LocalizedText(fr: "Reçues", ar: "المتوصل بها", en: "Received"),
        LocalizedText(fr: "Répondues", ar: "المجاب عنها", en: "Answered"),
        LocalizedText(fr: "Échues", ar: "الحال أجلها", en: "Due"),
        LocalizedText(fr: "Répondues dans les délais", ar: "المجاب عنها داخل الأجل", en: "Answered in time"),
        LocalizedText(fr: "Taux de réponse dans les délais (%)", ar: "نسبة الإجابة داخل الأجل (%)", en: "Answered in time (%)"),
        LocalizedText(fr: "Délai médian de réponse (jours)", ar: "المدة الوسيطة للإجابة (أيام)", en: "Median answer delay (days)"),
        LocalizedText(fr: "Rouvertes", ar: "المعاد فتحها", en: "Reopened"),
        LocalizedText(fr: "Taux de réouverture (%)", ar: "نسبة إعادة الفتح (%)", en: "Reopen rate (%)"),
        LocalizedText(fr: "Évaluations", ar: "التقييمات", en: "Ratings"),
        LocalizedText(fr: "Satisfaits", ar: "الراضون", en: "Satisfied"),
        LocalizedText(fr: "Taux de satisfaction (%)", ar: "نسبة الرضا (%)", en: "Satisfaction (%)"),
    ]

    private static func writeCells(of figures: Figures, to csv: inout CSVWriter) {
        func write(_ value: Double?) {
            if let value { csv.writeField(value, fractionDigits: 1) } else { csv.writeEmptyField() }
        }
        csv.writeField(figures.received)
        csv.writeField(figures.answered)
        csv.writeField(figures.due)
        csv.writeField(figures.answeredInTime)
        write(figures.answeredInTimeRate.map { $0 * 100 })
        write(figures.medianAnswerDelayDays)
        csv.writeField(figures.reopened)
        write(figures.reopenRate.map { $0 * 100 })
        csv.writeField(figures.rated)
        csv.writeField(figures.satisfied)
        write(figures.satisfactionRate.map { $0 * 100 })
        csv.endRow()
    }
}
