import GuichetCore
import Testing

@Suite struct DecimalTextTests {
    @Test func zeroPaddedIntegers() {
        #expect(String(7, minimumDigits: 2) == "07")
        #expect(String(0, minimumDigits: 3) == "000")
        #expect(String(1234, minimumDigits: 3) == "1234")
        #expect(String(-7, minimumDigits: 2) == "-07")
        #expect(String(Int64.min, minimumDigits: 1) == "-9223372036854775808")
        #expect(String(UInt64.max, minimumDigits: 25) == "00000" + "18446744073709551615")
        var bytes: [UInt8] = Array("A".utf8)
        bytes.appendDecimal(42, minimumDigits: 4)
        bytes.appendDecimal(Int8(-3))
        #expect(String(decoding: bytes, as: UTF8.self) == "A0042-3")
    }

    @Test func fixedPointWithoutTrailingZeros() {
        #expect(String(fixedPoint: 12, maximumFractionDigits: 3) == "12")
        #expect(String(fixedPoint: 0.5, maximumFractionDigits: 3) == "0.5")
        #expect(String(fixedPoint: 3.125, maximumFractionDigits: 3) == "3.125")
        #expect(String(fixedPoint: -6.83, maximumFractionDigits: 6) == "-6.83")
        #expect(String(fixedPoint: 34.020_000_4, maximumFractionDigits: 6) == "34.02")
        #expect(String(fixedPoint: 0.0625, maximumFractionDigits: 3) == "0.063")
        #expect(String(fixedPoint: 0.000_01, maximumFractionDigits: 3) == "0")
        #expect(String(fixedPoint: -0.000_1, maximumFractionDigits: 3) == "0")
        #expect(String(fixedPoint: 1.05, maximumFractionDigits: 0) == "1")
        #expect(String(fixedPoint: .nan, maximumFractionDigits: 2) == "0")
        #expect(String(fixedPoint: .infinity, maximumFractionDigits: 2) == "92233720368547758.07")
    }

    @Test func asciiDigits() {
        #expect(Int(asciiDigits: Array("0042".utf8)) == 42)
        #expect(Int(asciiDigits: Array("9223372036854775807".utf8)) == Int.max)
        for bad in ["", "-1", "+1", "4 2", "٤٢", "9223372036854775808", "1a"] {
            #expect(Int(asciiDigits: Array(bad.utf8)) == nil, "\(bad)")
        }
    }
}
