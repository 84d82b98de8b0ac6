import Testing
import GuichetCore

@Suite struct CSVWriterTests {
    private func text(_ writer: CSVWriter) -> String {
        String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func startsWithAByteOrderMarkAndEndsRowsWithCRLF() {
        var csv = CSVWriter()
        csv.writeRow(["a", "b"])
        csv.writeRow([])
        csv.writeRow(["c"])
        #expect(Array(csv.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(csv.bytes.dropFirst(3)) == Array("a,b\r\n\r\nc\r\n".utf8))
        var plain = CSVWriter(configuration: .init(includesByteOrderMark: false))
        plain.writeRow(["x"])
        #expect(text(plain) == "x\r\n")
        #expect(CSVWriter(configuration: .init(includesByteOrderMark: false)).bytes.isEmpty)
    }

    @Test func quotesWhatNeedsQuotingAsRFC4180Says() {
        var csv = CSVWriter(configuration: .init(includesByteOrderMark: false))
        csv.writeRow(["plain", "with,comma", "with \"quotes\"", "two\nlines", "cr\rhere", "", " spaced "])
        #expect(text(csv) == "plain,\"with,comma\",\"with \"\"quotes\"\"\",\"two\nlines\",\"cr\rhere\",, spaced \r\n")
    }

    @Test func keepsArabicAndAccentsAsUTF8() {
        var csv = CSVWriter(configuration: .init(includesByteOrderMark: false))
        csv.writeRow(["شكاية", "Réclamation", "طريق، حفرة"])
        #expect(text(csv) == "شكاية,Réclamation,طريق، حفرة\r\n")
    }

    @Test func neutralizesFormulasInTextCellsOnly() {
        var csv = CSVWriter(configuration: .init(includesByteOrderMark: false))
        csv.writeRow(["=HYPERLINK(\"http://evil\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=b", "'quoted"])
        csv.writeField(-3)
        csv.writeField(-2.5, fractionDigits: 1)
        csv.endRow()
        #expect(text(csv) == "\"'=HYPERLINK(\"\"http://evil\"\")\",'+1,'-1,'@SUM(A1),'\tx,\"'\rx\",a=b,'quoted\r\n-3,-2.5\r\n")
        var raw = CSVWriter(configuration: .init(includesByteOrderMark: false, neutralizesFormulas: false))
        raw.writeRow(["=1+1"])
        #expect(text(raw) == "=1+1\r\n")
    }

    @Test func numbersAndEmptyCells() {
        var csv = CSVWriter(configuration: .init(separator: UInt8(ascii: ";"), includesByteOrderMark: false))
        csv.writeField(42)
        csv.writeEmptyField()
        csv.writeField(87.456, fractionDigits: 1)
        csv.writeField(0.05, fractionDigits: 1)
        csv.writeField(-0.04, fractionDigits: 1)
        csv.writeField(3, fractionDigits: 2)
        csv.writeField(2.5, fractionDigits: 0)
        csv.writeField(.nan, fractionDigits: 1)
        csv.writeField(.infinity, fractionDigits: 1)
        csv.writeField(1.005, fractionDigits: 3)
        csv.writeField("a;b")
        csv.endRow()
        #expect(text(csv) == "42;;87.5;0.1;0.0;3.00;3;;;1.005;\"a;b\"\r\n")
    }
}
