public import FoundationEssentials
import GuichetCore

/// Complaint statistics for a tenant's dashboards and open data, aggregated from raw rows by
/// month, category or zone: received, answered, answered in time, median answer delay, reopen
/// rate and satisfaction.
///
/// Definitions (each figure is what the rows give, nothing estimated):
/// - **received**: rows in the group.
/// - **answered**: rows with a first answer.
/// - **due**: rows whose answer deadline has come — answered ones with a deadline, and unanswered
///   ones whose deadline passed by ``asOf``. Rows without a deadline are not due.
/// - **answered in time**: answered rows whose first answer came at or before the deadline;
///   the **in-time rate** is answered in time ÷ due, so an overdue unanswered complaint counts
///   against it.
/// - **median answer delay**: the median of first answer − reception over answered rows.
/// - **reopened**: rows reopened at least once; the **reopen rate** is reopened ÷ answered.
/// - **satisfaction rate**: satisfied ratings ÷ ratings.
///
/// Months are the months of reception in the tenant's time zone (`2026-03`).
public struct ComplaintStatistics: Sendable, Hashable {
    /// One complaint, as the store reads it for statistics (no personal data).
    public struct Row: Sendable, Hashable {
        /// When it was received.
        public var receivedAt: Date
        /// Its category code.
        public var category: String
        /// The code of the zone its location fell in, if any.
        public var zone: String?
        /// When it was first answered, if it was.
        public var firstAnsweredAt: Date?
        /// Its first answer deadline, if it has one.
        public var answerDue: Date?
        /// How many times it was reopened.
        public var reopenCount: Int
        /// The citizen's rating, if they rated.
        public var satisfied: Bool?

        /// A row from its parts.
        public init(
            receivedAt: Date, category: String, zone: String? = nil, firstAnsweredAt: Date? = nil, answerDue: Date? = nil,
            reopenCount: Int = 0, satisfied: Bool? = nil
        ) {
            self.receivedAt = receivedAt
            self.category = category
            self.zone = zone
            self.firstAnsweredAt = firstAnsweredAt
            self.answerDue = answerDue
            self.reopenCount = reopenCount
            self.satisfied = satisfied
        }
    }

    /// What the rows are grouped by.
    public enum Dimension: String, Sendable, Hashable, Codable, CaseIterable {
        /// The month of reception, `YYYY-MM` in the tenant's zone.
        case month
        /// The category code.
        case category
        /// The zone code (rows outside every zone form a group with no key).
        case zone

        /// The dimension's name for people, the first CSV column's header.
        public var displayName: LocalizedText {
            switch self {
            case .month: LocalizedText(fr: "Mois", ar: "الشهر", en: "Month")
            case .category: LocalizedText(fr: "Catégorie", ar: "الفئة", en: "Category")
            case .zone: LocalizedText(fr: "Zone", ar: "المنطقة", en: "Zone")
            }
        }
    }

    /// The figures of one group (or of all rows).
    public struct Figures: Sendable, Hashable {
        /// Rows received.
        public var received = 0
        /// Rows answered.
        public var answered = 0
        /// Rows whose answer deadline has come.
        public var due = 0
        /// Rows answered at or before their deadline.
        public var answeredInTime = 0
        /// The median delay of first answers, in seconds, if any row was answered.
        public var medianAnswerDelay: Double?
        /// Rows reopened at least once.
        public var reopened = 0
        /// Rows rated.
        public var rated = 0
        /// Rows rated "satisfied".
        public var satisfied = 0

        /// Empty figures.
        public init() {}

        /// Answered in time ÷ due, if anything is due.
        public var answeredInTimeRate: Double? { Self.ratio(answeredInTime, due) }
        /// Reopened ÷ answered, if anything was answered.
        public var reopenRate: Double? { Self.ratio(reopened, answered) }
        /// Satisfied ÷ rated, if anything was rated.
        public var satisfactionRate: Double? { Self.ratio(satisfied, rated) }
        /// The median answer delay in days.
        public var medianAnswerDelayDays: Double? { medianAnswerDelay.map { $0 / 86_400 } }

        private static func ratio(_ part: Int, _ whole: Int) -> Double? {
            whole > 0 ? Double(part) / Double(whole) : nil
        }
    }

    /// One group: its key (`nil` for rows outside every zone) and figures.
    public struct Group: Sendable, Hashable {
        /// The month, category or zone code.
        public var key: String?
        /// Its figures.
        public var figures: Figures
    }

    /// What the rows were grouped by.
    public let dimension: Dimension
    /// The instant "due" was judged at.
    public let asOf: Date
    /// The groups, by key (months chronologically, codes alphabetically, no zone last).
    public let groups: [Group]
    /// The figures of all rows together.
    public let total: Figures

    /// Aggregates `rows` by `dimension`, months in `timeZone`, deadlines judged at `asOf`.
    public init(rows: some Sequence<Row>, by dimension: Dimension, timeZone: TimeZone, asOf: Date) {
        var accumulators: [String?: Accumulator] = [:]
        var total = Accumulator()
        for row in rows {
            let key: String?
            switch dimension {
            case .month:
                let day = LocalDate(row.receivedAt, in: timeZone)
                key = String(day.description.prefix(7))
            case .category: key = row.category
            case .zone: key = row.zone
            }
            accumulators[key, default: Accumulator()].add(row, asOf: asOf)
            total.add(row, asOf: asOf)
        }
        self.dimension = dimension
        self.asOf = asOf
        self.groups = accumulators.map { Group(key: $0.key, figures: $0.value.figures) }.sorted { left, right in
            switch (left.key, right.key) {
            case (let l?, let r?): l < r
            case (_?, nil): true
            case (nil, _): false
            }
        }
        self.total = total.figures
    }

    /// Sums one group's rows, keeping the delays for the median.
    private struct Accumulator {
        var counts = Figures()
        var delays: [Double] = []

        mutating func add(_ row: Row, asOf: Date) {
            counts.received += 1
            if let answeredAt = row.firstAnsweredAt {
                counts.answered += 1
                delays.append(max(0, answeredAt.timeIntervalSince(row.receivedAt)))
                if let due = row.answerDue {
                    counts.due += 1
                    if answeredAt <= due { counts.answeredInTime += 1 }
                }
            } else if let due = row.answerDue, due < asOf {
                counts.due += 1
            }
            if row.reopenCount > 0 { counts.reopened += 1 }
            if let satisfied = row.satisfied {
                counts.rated += 1
                if satisfied { counts.satisfied += 1 }
            }
        }

        /// The counts with the median delay.
        var figures: Figures {
            var result = counts
            result.medianAnswerDelay = Self.median(delays)
            return result
        }

        static func median(_ values: [Double]) -> Double? {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
    }
}
