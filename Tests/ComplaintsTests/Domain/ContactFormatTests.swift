import Testing
@testable import Complaints

@Suite struct ContactFormatTests {
    @Test func acceptsUsualEmailAddresses() throws {
        for text in ["amina@example.ma", "a.b-c+tag@sub.example.gov.ma", "x@y.co", "o'neil@example.com", "user_1@xn--mgbc0a9azcg.ma",
            "A@EXAMPLE.MA", String(repeating: "a", count: 64) + "@example.ma"]
        {
            #expect(EmailAddress(text) != nil, "\(text)")
        }
        let email = try #require(EmailAddress("Amina.Alaoui@Example.MA"))
        #expect(email.value == "Amina.Alaoui@example.ma")
        #expect(email.localPart == "Amina.Alaoui" && email.domain == "example.ma")
    }

    @Test func rejectsAddressesThatCannotBeDelivered() {
        let longDomain = String(repeating: "a", count: 63) + "." + String(repeating: "b", count: 63) + "." + String(repeating: "c", count: 63)
            + "." + String(repeating: "d", count: 61) + ".ma"
        for text in ["", "amina", "@example.ma", "amina@", "amina@example", "amina@@example.ma", "ami na@example.ma", ".amina@example.ma",
            "amina.@example.ma", "am..ina@example.ma", "amina@-example.ma", "amina@example-.ma", "amina@example..ma", "amina@.example.ma",
            "amina@example.ma.", "amina@192.168.0.1", "amina@[192.168.0.1]", "\"amina\"@example.ma", "amina@exa_mple.ma",
            "أمينة@example.ma", "amina@مثال.ma", String(repeating: "a", count: 65) + "@example.ma", "a@" + longDomain,
            "a@b.c\n", "amina@example.ma,other@example.ma", "a(comment)@example.ma", String(repeating: "a@b.ma", count: 100)]
        {
            #expect(EmailAddress(text) == nil, "\(text.prefix(60))")
        }
    }

    @Test func normalisesPhoneNumbersToE164() {
        let cases: [(String, String)] = [
            ("0612345678", "+212612345678"),
            ("06 12 34 56 78", "+212612345678"),
            ("06-12-34-56-78", "+212612345678"),
            ("06.12.34.56.78", "+212612345678"),
            ("0522 12 34 56", "+212522123456"),
            ("07 00 11 22 33", "+212700112233"),
            ("+212 6 12 34 56 78", "+212612345678"),
            ("+212 (0) 6 12 34 56 78", "+212612345678"),
            ("00212612345678", "+212612345678"),
            ("212612345678", "+212612345678"),
            ("٠٦١٢٣٤٥٦٧٨", "+212612345678"),
            ("۰۶۱۲۳۴۵۶۷۸", "+212612345678"),
            ("+33 1 23 45 67 89", "+33123456789"),
            ("0033123456789", "+33123456789"),
            ("+1 (202) 555-0143", "+12025550143"),
        ]
        for (typed, expected) in cases {
            #expect(PhoneNumber(typed)?.e164 == expected, "\(typed)")
        }
        #expect(PhoneNumber("0612345678")?.isMoroccan == true)
        #expect(PhoneNumber("+33123456789")?.isMoroccan == false)
    }

    @Test func rejectsWhatIsNotAPhoneNumber() {
        for text in ["", "+", "12345", "0412345678", "0912345678", "061234567", "06123456789", "+212 4 12 34 56 78", "+212 6 12 34 56",
            "+2126123456789", "+0 612345678", "6+12345678", "+33 1 23 45 67 89 01 23 45", "06 12 34 56 7a", "tel:0612345678",
            "0612345678 ext 5", "++212612345678", "0612345678\n", "06/12/34/56/78", String(repeating: "0", count: 41), "1234567"]
        {
            #expect(PhoneNumber(text) == nil, "\(text)")
        }
    }

    @Test func geoPointsCheckRangesAndMeasureDistances() throws {
        #expect(GeoPoint(latitude: 90, longitude: 180) != nil)
        #expect(GeoPoint(latitude: -90, longitude: -180) != nil)
        #expect(GeoPoint(latitude: 90.000_001, longitude: 0) == nil)
        #expect(GeoPoint(latitude: 0, longitude: -180.5) == nil)
        #expect(GeoPoint(latitude: .nan, longitude: 0) == nil)
        #expect(GeoPoint(latitude: 0, longitude: .infinity) == nil)
        let casablanca = try #require(GeoPoint(latitude: 33.5731, longitude: -7.5898))
        let rabat = try #require(GeoPoint(latitude: 34.0209, longitude: -6.8416))
        #expect(abs(casablanca.distance(to: rabat) - 85_201) < 1)
        #expect(casablanca.distance(to: casablanca) == 0)
        #expect(abs(casablanca.distance(to: rabat) - rabat.distance(to: casablanca)) < 1e-6)
        // A thousandth of a degree of latitude is about 111 metres.
        let north = try #require(GeoPoint(latitude: 33.5741, longitude: -7.5898))
        #expect(abs(casablanca.distance(to: north) - 111.2) < 0.5)
        // Antipodes: half the circumference, without a NaN.
        let a = try #require(GeoPoint(latitude: 0, longitude: 0))
        let b = try #require(GeoPoint(latitude: 0, longitude: 180))
        #expect(abs(a.distance(to: b) - Double.pi * GeoPoint.earthRadius) < 1)
    }
}
