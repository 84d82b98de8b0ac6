import FoundationEssentials
import GuichetTestSupport
import Testing
import GuichetCore
@testable import Complaints

@Suite struct ComplaintStatisticsTests {
    typealias Row = ComplaintStatistics.Row
    let zone = TimeZone.casablanca
    let asOf = RFC3339.parse("2026-04-15T00:00:00Z")!

    private func at(_ text: String) -> Date {
        guard let date = RFC3339.parse(text) else { preconditionFailure("bad fixture \(text)") }
        return date
    }

    private var rows: [Row] {
        [
            // Answered in 2 days, in time, satisfied.
            Row(receivedAt: at("2026-03-01T10:00:00Z"), category: "voirie", zone: "anfa", firstAnsweredAt: at("2026-03-03T10:00:00Z"),
                answerDue: at("2026-04-30T23:59:59Z"), satisfied: true),
            // Answered in 10 days but late, reopened, not satisfied.
            Row(receivedAt: at("2026-03-02T10:00:00Z"), category: "voirie", zone: "anfa", firstAnsweredAt: at("2026-03-12T10:00:00Z"),
                answerDue: at("2026-03-05T23:59:59Z"), reopenCount: 2, satisfied: false),
            // Unanswered, overdue.
            Row(receivedAt: at("2026-03-03T10:00:00Z"), category: "eclairage", zone: nil, answerDue: at("2026-04-01T23:59:59Z")),
            // Unanswered, not yet due.
            Row(receivedAt: at("2026-03-31T23:30:00Z"), category: "eclairage", zone: "maarif", answerDue: at("2026-05-30T23:59:59Z")),
            // Answered in 4 days, no deadline at all.
            Row(receivedAt: at("2026-02-10T10:00:00Z"), category: "voirie", zone: "maarif", firstAnsweredAt: at("2026-02-14T10:00:00Z")),
        ]
    }

    @Test func byMonthInTheTenantsZone() throws {
        let statistics = ComplaintStatistics(rows: rows, by: .month, timeZone: zone, asOf: asOf)
        // 2026-03-31T23:30Z is already April in Casablanca (UTC+1 after Ramadan).
        #expect(statistics.groups.map(\.key) == ["2026-02", "2026-03", "2026-04"])
        let march = statistics.groups[1].figures
        #expect(march.received == 3 && march.answered == 2 && march.due == 3 && march.answeredInTime == 1)
        #expect(march.answeredInTimeRate == 1.0 / 3.0)
        #expect(march.medianAnswerDelay == 6.0 * 86_400)
        #expect(march.medianAnswerDelayDays == 6)
        #expect(march.reopened == 1 && march.reopenRate == 0.5)
        #expect(march.rated == 2 && march.satisfied == 1 && march.satisfactionRate == 0.5)
        let april = statistics.groups[2].figures
        #expect(april.received == 1 && april.due == 0 && april.answeredInTimeRate == nil && april.medianAnswerDelay == nil)
        #expect(april.reopenRate == nil && april.satisfactionRate == nil)
        let total = statistics.total
        #expect(total.received == 5 && total.answered == 3 && total.due == 3 && total.answeredInTime == 1)
        #expect(total.medianAnswerDelay == 4.0 * 86_400)
    }

    @Test func byCategoryAndByZone() {
        let categories = ComplaintStatistics(rows: rows, by: .category, timeZone: zone, asOf: asOf)
        #expect(categories.groups.map(\.key) == ["eclairage", "voirie"])
        #expect(categories.groups.map(\.figures.received) == [2, 3])
        let zones = ComplaintStatistics(rows: rows, by: .zone, timeZone: zone, asOf: asOf)
        #expect(zones.groups.map(\.key) == ["anfa", "maarif", nil])
        #expect(zones.groups.map(\.figures.received) == [2, 2, 1])
        let empty = ComplaintStatistics(rows: [], by: .zone, timeZone: zone, asOf: asOf)
        #expect(empty.groups.isEmpty && empty.total == ComplaintStatistics.Figures())
    }

    @Test func figuresEqualWhatTheRawDataGives() {
        var generator = SplitMix64(seed: 42)
        let start = at("2025-06-01T00:00:00Z").timeIntervalSince1970
        var randomRows: [Row] = []
        for _ in 0..<2_000 {
            let received = start + Double(generator.next() % (300 * 86_400))
            let answered = generator.next() % 3 == 0 ? nil : received + Double(generator.next() % (90 * 86_400))
            let due = generator.next() % 5 == 0 ? nil : received + Double(generator.next() % (70 * 86_400))
            let rating = generator.next() % 4
            randomRows.append(
                Row(receivedAt: Date(timeIntervalSince1970: received), category: ["a", "b", "c"][Int(generator.next() % 3)],
                    zone: [nil, "z1", "z2"][Int(generator.next() % 3)], firstAnsweredAt: answered.map(Date.init(timeIntervalSince1970:)),
                    answerDue: due.map(Date.init(timeIntervalSince1970:)), reopenCount: Int(generator.next() % 4) == 0 ? 1 : 0,
                    satisfied: rating == 0 ? nil : rating == 1))
        }
        for dimension in ComplaintStatistics.Dimension.allCases {
            let statistics = ComplaintStatistics(rows: randomRows, by: dimension, timeZone: zone, asOf: asOf)
            #expect(statistics.groups.map(\.figures.received).reduce(0, +) == randomRows.count)
            for group in statistics.groups {
                let members = randomRows.filter { row in
                    switch dimension {
                    case .month: String(LocalDate(row.receivedAt, in: zone).description.prefix(7)) == group.key
                    case .category: row.category == group.key
                    case .zone: row.zone == group.key
                    }
                }
                let figures = group.figures
                #expect(figures.received == members.count)
                #expect(figures.answered == members.filter { $0.firstAnsweredAt != nil }.count)
                let due = members.filter { row in
                    guard let deadline = row.answerDue else { return false }
                    return row.firstAnsweredAt != nil || deadline < asOf
                }
                #expect(figures.due == due.count)
                #expect(figures.answeredInTime == due.filter { row in row.firstAnsweredAt.map { $0 <= row.answerDue! } ?? false }.count)
                #expect(figures.reopened == members.filter { $0.reopenCount > 0 }.count)
                #expect(figures.rated == members.filter { $0.satisfied != nil }.count)
                #expect(figures.satisfied == members.filter { $0.satisfied == true }.count)
                let delays = members.compactMap { row in row.firstAnsweredAt.map { $0.timeIntervalSince(row.receivedAt) } }.sorted()
                if delays.isEmpty {
                    #expect(figures.medianAnswerDelay == nil)
                } else {
                    let below = delays.filter { $0 < figures.medianAnswerDelay! }.count
                    let above = delays.filter { $0 > figures.medianAnswerDelay! }.count
                    #expect(below <= delays.count / 2 && above <= delays.count / 2)
                }
            }
        }
    }

    @Test func jsonRendering() throws {
        let statistics = ComplaintStatistics(rows: rows, by: .zone, timeZone: zone, asOf: asOf)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(statistics.encodedJSON))
        #expect(json["dimension"] == "zone" && json["as_of"] == "2026-04-15T00:00:00Z")
        #expect(json["groups"]?[2]?["key"] == .null)
        #expect(json["groups"]?[0]?["answered_in_time_rate"] == 0.5)
        #expect(json["groups"]?[0]?["median_answer_delay_days"] == 6)
        #expect(json["groups"]?[2]?["median_answer_delay_days"] == .null)
        #expect(json["total"]?["answered_in_time_rate"] == 0.3333)
        #expect(json["total"]?["received"] == 5)
    }

    @Test func csvRenderingForSpreadsheets() {
        let statistics = ComplaintStatistics(rows: rows, by: .category, timeZone: zone, asOf: asOf)
        let bytes = statistics.csv(language: .fr, labels: ["voirie": "Voirie, trottoirs", "eclairage": "=Éclairage"])
        #expect(Array(bytes.prefix(3)) == CSVWriter.byteOrderMark)
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "Catégorie,Reçues,Répondues,Échues,Répondues dans les délais,Taux de réponse dans les délais (%),Délai médian de réponse (jours),Rouvertes,Taux de réouverture (%),Évaluations,Satisfaits,Taux de satisfaction (%)")
        #expect(lines[1] == "'=Éclairage,2,0,1,0,0.0,,0,,0,0,")
        #expect(lines[2] == "\"Voirie, trottoirs\",3,3,2,1,50.0,4.0,1,33.3,2,1,50.0")
        #expect(lines[3] == "Total,5,3,3,1,33.3,4.0,1,33.3,2,1,50.0")
        #expect(lines.count == 5 && lines[4].isEmpty)
        let arabic = String(decoding: ComplaintStatistics(rows: rows, by: .zone, timeZone: zone, asOf: asOf).csv(language: .ar), as: UTF8.self)
        #expect(arabic.contains("المنطقة,المتوصل بها") && arabic.contains("(بدون),1") && arabic.contains("المجموع,5"))
    }
}
