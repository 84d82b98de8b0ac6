import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

@Suite struct MailLabelTests {
    let registeredAt = MailFixtures.instant("2026-03-10T09:05:00Z")

    @Test func theLabelCarriesTheNumberDateAndQRCode() throws {
        let label = MailLabel(
            tenantName: "Ministère de la Santé", registryNumber: "2026/A/000123", registeredAt: registeredAt, timeZone: .casablanca,
            qrContent: "https://guichet.ma/demo/mail/2026-A-000123")
        // During Ramadan 2026 Casablanca is on UTC+0.
        #expect(label.printedDate == "10/03/2026 09:05")
        let svg = try label.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"62mm\" height=\"29mm\" viewBox=\"0 0 62 29\">"))
        #expect(svg.contains(">2026/A/000123</text>"))
        #expect(svg.contains(">10/03/2026 09:05</text>"))
        #expect(svg.contains(">Ministère de la Santé</text>"))
        let code = try QRCode(text: "https://guichet.ma/demo/mail/2026-A-000123")
        #expect(svg.contains("d=\"\(code.svgPathData)\""))
        #expect(try label.svg() == svg, "deterministic")
    }

    @Test func textsAreEscaped() throws {
        let label = MailLabel(
            tenantName: "<script>alert(1)</script> & \"Co\" 'x'\u{0001}", registryNumber: "2026/A/000123", registeredAt: registeredAt,
            timeZone: .casablanca)
        let svg = try label.svg()
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;</text>"))
        #expect(label.qrContent == "2026/A/000123", "the number itself by default")
    }

    @Test func longTextsAreSqueezedAndShortOnesAreNot() throws {
        let long = MailLabel(
            tenantName: String(repeating: "Direction régionale ", count: 4), registryNumber: "2026/A/000123", registeredAt: registeredAt,
            timeZone: .casablanca)
        let svg = try long.svg()
        // 80 characters in 31 mm: the font shrinks from 3 to 31 / (80 × 0.6) ≈ 0.646.
        #expect(svg.contains("font-size=\"0.646\">Direction régionale"))
        #expect(svg.contains("font-size=\"3.8\" font-weight=\"bold\">2026/A/000123</text>"), "short texts keep their size")
    }

    @Test func arabicTextStartsAtTheRightEdge() throws {
        let label = MailLabel(tenantName: "وزارة الصحة", registryNumber: "2026/A/000123", registeredAt: registeredAt, timeZone: .casablanca)
        let svg = try label.svg()
        #expect(svg.contains("<text x=\"60.5\" y=\"6.5\" font-size=\"3\" direction=\"rtl\">وزارة الصحة</text>"))
        #expect(svg.contains("<text x=\"29.5\" y=\"17\""), "the number stays left to right")
    }

    @Test func aQRContentTooLongIsAnError() {
        let label = MailLabel(
            tenantName: "T", registryNumber: "N", registeredAt: registeredAt, timeZone: .casablanca,
            qrContent: String(repeating: "x", count: 3000))
        #expect(throws: QRCode.EncodingError.self) { try label.svg() }
    }

    @Test func theDatesFollowTheTenantsZone() {
        let label = MailLabel(tenantName: "T", registryNumber: "N", registeredAt: MailFixtures.instant("2026-12-31T23:30:00Z"), timeZone: .casablanca)
        #expect(label.printedDate == "01/01/2027 00:30")
    }

    @Test func theSymbolAloneAsSVG() throws {
        let code = try QRCode(text: "HELLO WORLD")
        let svg = code.svg(moduleSize: 2)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"58\" height=\"58\" viewBox=\"0 0 58 58\">"))
        #expect(svg.contains("transform=\"translate(8 8) scale(2)\""))
        // The top-left finder's first row is a run of 7 dark modules.
        #expect(code.svgPathData.hasPrefix("M0 0h7v1h-7z"))
    }

    @Test func markupEscapingAndNumbers() {
        #expect(Markup.escape("a<b>&\"'\tc\u{0}\u{FFFF}é") == "a&lt;b&gt;&amp;&quot;&#39;\tcé")
        #expect(Markup.number(12) == "12" && Markup.number(0.5) == "0.5" && Markup.number(3.1254) == "3.125")
        #expect(Markup.number(0.05) == "0.05" && Markup.number(-1.25) == "-1.25" && Markup.number(2.0004) == "2")
    }
}
