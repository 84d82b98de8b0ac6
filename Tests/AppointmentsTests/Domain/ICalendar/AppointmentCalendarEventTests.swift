import FoundationEssentials
import GuichetCore
import Testing

@testable import Appointments

@Suite struct AppointmentCalendarEventTests {
    let zone = Fixtures.zone
    let bookingID = UUID(uuidString: "0192F5A0-7B3C-7D4E-8F00-123456789ABC")!
    let stamp = Fixtures.instant("2026-02-01T10:15:30Z")

    private func event(_ start: String, minutes: Int = 30, summary: String = "Passeport") -> AppointmentCalendarEvent {
        let begin = Fixtures.instant(start)
        return AppointmentCalendarEvent(
            bookingID: bookingID, start: begin, end: begin.addingTimeInterval(Double(minutes * 60)), summary: summary)
    }

    private func read(_ event: AppointmentCalendarEvent, zone: TenantTimeZone? = nil) throws -> ICalendarReader {
        try ICalendarReader(event.document(in: zone ?? self.zone, stamp: stamp))
    }

    /// The observances of the document's VTIMEZONE.
    private func observances(_ reader: ICalendarReader) -> [(start: String, from: Int, to: Int)] {
        (reader.components("STANDARD") + reader.components("DAYLIGHT")).compactMap { properties in
            guard let start = ICalendarReader.first("DTSTART", in: properties)?.value,
                let from = ICalendarReader.first("TZOFFSETFROM", in: properties).flatMap({ ICalendarReader.offset($0.value) }),
                let to = ICalendarReader.first("TZOFFSETTO", in: properties).flatMap({ ICalendarReader.offset($0.value) })
            else { return nil }
            return (start, from, to)
        }
    }

    @Test func writesACompletePublishedCalendar() throws {
        let reader = try read(event("2026-03-02T08:30:00+00:00"))
        let top = reader.properties
        #expect(top.first == .init(name: "BEGIN", parameters: [:], value: "VCALENDAR"))
        #expect(top.last == .init(name: "END", parameters: [:], value: "VCALENDAR"))
        #expect(ICalendarReader.first("VERSION", in: top)?.value == "2.0")
        #expect(ICalendarReader.first("METHOD", in: top)?.value == "PUBLISH")
        #expect(ICalendarReader.first("PRODID", in: top) != nil)
        let events = reader.components("VEVENT")
        #expect(events.count == 1)
        let vevent = try #require(events.first)
        #expect(ICalendarReader.first("UID", in: vevent)?.value == "0192f5a0-7b3c-7d4e-8f00-123456789abc@guichet.ma")
        #expect(ICalendarReader.first("DTSTAMP", in: vevent)?.value == "20260201T101530Z")
        let start = try #require(ICalendarReader.first("DTSTART", in: vevent))
        #expect(start.parameters == ["TZID": "Africa/Casablanca"])
        #expect(start.value == "20260302T083000")
        #expect(ICalendarReader.first("DTEND", in: vevent)?.value == "20260302T090000")
        #expect(ICalendarReader.first("STATUS", in: vevent)?.value == "CONFIRMED")
        #expect(ICalendarReader.first("SEQUENCE", in: vevent)?.value == "0")
        #expect(ICalendarReader.first("SUMMARY", in: vevent)?.parameters["LANGUAGE"] == "fr")
        #expect(reader.components("VTIMEZONE").count == 1)
        #expect(ICalendarReader.first("TZID", in: reader.components("VTIMEZONE")[0])?.value == "Africa/Casablanca")
    }

    @Test func theTimeZoneListsRamadanChangesAndNamesEveryTimeRight() throws {
        let starts = [
            "2026-01-10T08:30:00+01:00", "2026-02-14T08:30:00+01:00", "2026-02-15T08:30:00+00:00", "2026-03-02T08:30:00+00:00",
            "2026-03-21T16:00:00+00:00", "2026-03-22T08:30:00+01:00", "2026-03-23T08:30:00+01:00", "2026-12-31T23:45:00+01:00",
        ]
        for text in starts {
            let reader = try read(event(text))
            let vevent = try #require(reader.components("VEVENT").first)
            let local = try #require(ICalendarReader.first("DTSTART", in: vevent)?.value)
            #expect(local.hasSuffix(text.dropFirst(11).prefix(5).replacing(":", with: "") + "00"), "\(text) → \(local)")
            let observances = observances(reader)
            #expect(ICalendarReader.instant(local: local, observances: observances) == Fixtures.instant(text), "\(text)")
            let end = try #require(ICalendarReader.first("DTEND", in: vevent)?.value)
            #expect(ICalendarReader.instant(local: end, observances: observances) == Fixtures.instant(text).addingTimeInterval(1800))
        }
        let observances = observances(try read(event("2026-03-02T08:30:00+00:00")))
        #expect(observances.contains { $0.start == "20260215T030000" && $0.from == 3600 && $0.to == 0 })
        #expect(observances.contains { $0.start == "20260322T020000" && $0.from == 0 && $0.to == 3600 })
        // And the change in force on 1 January (the end of Ramadan 2025), so January is covered.
        #expect(observances.contains { $0.start.hasPrefix("2025") && $0.to == 3600 })
        #expect(observances.count == 3)
    }

    @Test func theSecondPassOfARepeatedHourIsWrittenInUTC() throws {
        // 02:30 on 2026-02-15 happens at 01:30Z and again at 02:30Z; the second cannot be a local time.
        let reader = try read(event("2026-02-15T02:30:00Z"))
        let vevent = try #require(reader.components("VEVENT").first)
        #expect(ICalendarReader.first("DTSTART", in: vevent) == .init(name: "DTSTART", parameters: [:], value: "20260215T023000Z"))
        #expect(ICalendarReader.first("DTEND", in: vevent)?.value == "20260215T030000Z")
        #expect(reader.components("VTIMEZONE").isEmpty)
        // An event inside the first pass is written in local time.
        let first = try read(event("2026-02-15T01:00:00Z"))
        #expect(ICalendarReader.first("DTSTART", in: first.components("VEVENT")[0])?.value == "20260215T020000")
        #expect(ICalendarReader.first("DTEND", in: first.components("VEVENT")[0])?.value == "20260215T023000")
        // One ending in the second pass (01:30Z–02:00Z ends at 02:00 UTC+0, the second 02:00) is not.
        let ending = try read(event("2026-02-15T01:30:00Z"))
        #expect(ICalendarReader.first("DTEND", in: ending.components("VEVENT")[0])?.value == "20260215T020000Z")
    }

    @Test func zonesWithoutChangesGetOneObservance() throws {
        let utc = try #require(TenantTimeZone(identifier: "UTC"))
        let reader = try read(event("2026-03-02T08:30:00Z"), zone: utc)
        let standard = reader.components("STANDARD")
        #expect(standard.count == 1)
        #expect(ICalendarReader.first("TZOFFSETTO", in: standard[0])?.value == "+0000")
        #expect(ICalendarReader.first("DTSTART", in: reader.components("VEVENT")[0])?.parameters["TZID"] == "UTC")
        let kolkata = try #require(TenantTimeZone(identifier: "Asia/Kolkata"))
        let india = try read(event("2026-03-02T08:30:00+05:30"), zone: kolkata)
        #expect(ICalendarReader.first("TZOFFSETTO", in: india.components("STANDARD")[0])?.value == "+0530")
        #expect(ICalendarReader.first("TZNAME", in: india.components("STANDARD")[0])?.value == "+0530")
        #expect(ICalendarReader.instant(local: "20260302T083000", observances: observances(india)) == Fixtures.instant("2026-03-02T08:30:00+05:30"))
    }

    @Test func textIsEscapedAndFoldedOnCharacterBoundaries() throws {
        let arabic = "موعد تجديد جواز السفر، الرجاء إحضار البطاقة الوطنية; والصور الشمسية\\ و\"استمارة\" الطلب"
        let tricky = "Préfecture, bureau 3; étage 2\\aile B\r\nFile A\nFile B\rFin\u{0}\u{7}\ttab 🇲🇦"
        var event = event("2026-03-02T08:30:00+00:00", summary: arabic + " " + arabic)
        event.location = tricky
        event.description = String(repeating: "é", count: 100) + String(repeating: "😀", count: 40)
        event.language = .ar
        let bytes = event.document(in: zone, stamp: stamp)
        let reader = try ICalendarReader(bytes)  // CRLF only, ≤ 75 octets, valid UTF-8 per line
        #expect(reader.physicalLines.contains { $0.count == 75 }, "long lines are filled up to the limit")
        #expect(reader.physicalLines.allSatisfy { $0.count <= 75 })
        let vevent = try #require(reader.components("VEVENT").first)
        let summary = try #require(ICalendarReader.first("SUMMARY", in: vevent))
        #expect(summary.parameters["LANGUAGE"] == "ar")
        #expect(try ICalendarReader.unescape(summary.value) == arabic + " " + arabic)
        let location = try #require(ICalendarReader.first("LOCATION", in: vevent)?.value)
        #expect(location.contains("Préfecture\\, bureau 3\\; étage 2\\\\aile B\\nFile A\\nFile B\\nFin"))
        #expect(try ICalendarReader.unescape(location) == "Préfecture, bureau 3; étage 2\\aile B\nFile A\nFile B\nFin\ttab 🇲🇦")
        let description = try #require(ICalendarReader.first("DESCRIPTION", in: vevent)?.value)
        #expect(try ICalendarReader.unescape(description) == String(repeating: "é", count: 100) + String(repeating: "😀", count: 40))
    }

    @Test func foldingKeepsShortLinesAndSplitsLongOnesExactly() throws {
        var content = ICalendarContent()
        content.append("X-A", String(repeating: "a", count: 71))  // "X-A:" + 71 = 75 octets
        content.append("X-B", String(repeating: "b", count: 72))  // 76 octets: folded
        content.append("X-C", String(repeating: "ب", count: 50))  // 4 + 100 octets of 2-byte letters
        let reader = try ICalendarReader(content.bytes)
        #expect(reader.physicalLines.map(\.count) == [75, 75, 2, 74, 31])
        #expect(reader.physicalLines[2] == Array(" b".utf8))
        #expect(reader.properties.map(\.value) == [String(repeating: "a", count: 71), String(repeating: "b", count: 72), String(repeating: "ب", count: 50)])
        // "X-C:" (4) + 35 letters (70) = 74 octets: a 36th letter would be cut in two at octet 75.
    }

    @Test func alarmsFollowTheRemindersUnlessCancelled() throws {
        var event = event("2026-03-02T08:30:00+00:00")
        event.alarms = [.seconds(2 * 3600), .seconds(48 * 3600), .seconds(2 * 3600), .seconds(90 * 60), .zero]
        let alarms = try read(event).components("VALARM")
        #expect(alarms.map { ICalendarReader.first("TRIGGER", in: $0)?.value } == ["-P2D", "-PT2H", "-PT1H30M"])
        #expect(alarms.allSatisfy { ICalendarReader.first("ACTION", in: $0)?.value == "DISPLAY" && ICalendarReader.first("DESCRIPTION", in: $0) != nil })
        event.isCancelled = true
        event.sequence = 2
        let cancelled = try read(event)
        #expect(cancelled.components("VALARM").isEmpty)
        #expect(ICalendarReader.first("STATUS", in: cancelled.components("VEVENT")[0])?.value == "CANCELLED")
        #expect(ICalendarReader.first("SEQUENCE", in: cancelled.components("VEVENT")[0])?.value == "2")
        #expect(AppointmentCalendarEvent.duration(seconds: 45) == "PT45S")
        #expect(AppointmentCalendarEvent.duration(seconds: 3725) == "PT1H2M5S")
    }

    @Test func aBookingBecomesALocalisedEvent() throws {
        var generator = SeededGenerator(state: 3)
        let code = BookingCode.random(using: &generator)
        let start = Fixtures.instant("2026-03-23T08:30:00+01:00")
        let booking = Booking(
            id: bookingID, code: code, siteID: Fixtures.siteID, serviceID: Fixtures.serviceID, counterID: Fixtures.counterID(1),
            start: start, end: start.addingTimeInterval(1800), contact: ContactDetails(phone: PhoneNumber("+212612345678")), channel: .mobile,
            createdAt: stamp)
        var service = Fixtures.service()
        service.requiredDocuments = LocalizedText(fr: "CNIE, 2 photos", ar: "البطاقة الوطنية، صورتان", en: "ID card, 2 photos")
        let site = Fixtures.site()
        for language in Language.allCases {
            let event = AppointmentCalendarEvent(booking: booking, service: service, site: site, language: language)
            let reader = try ICalendarReader(event.document(in: zone, stamp: stamp, configuration: .init(uidDomain: "rdv.example.ma")))
            let vevent = try #require(reader.components("VEVENT").first)
            #expect(ICalendarReader.first("UID", in: vevent)?.value == "0192f5a0-7b3c-7d4e-8f00-123456789abc@rdv.example.ma")
            let summary = try ICalendarReader.unescape(try #require(ICalendarReader.first("SUMMARY", in: vevent)?.value))
            #expect(summary == service.name.text(in: language) + " — " + site.name.text(in: language))
            let description = try ICalendarReader.unescape(try #require(ICalendarReader.first("DESCRIPTION", in: vevent)?.value))
            #expect(description.contains(code.displayed))
            #expect(description.contains(service.requiredDocuments?.text(in: language) ?? "?"))
            #expect(ICalendarReader.first("GEO", in: vevent)?.value == "34.02;-6.83")
            #expect(reader.components("VALARM").count == 2)
            #expect(ICalendarReader.first("DTSTART", in: vevent)?.value == "20260323T083000")
        }
    }
}

