// Fixed-width and fixed-point decimal numbers, as dates, registry numbers, tickets and coordinates
// are written: without Foundation's formatters, the same bytes in every locale.

extension String {
    /// `value` in decimal, left-padded with zeros to at least `minimumDigits` digits:
    /// `String(7, minimumDigits: 2)` is `"07"`, `String(1234, minimumDigits: 3)` is `"1234"`; a
    /// negative value has its sign before the zeros (`"-07"`).
    public init(_ value: some BinaryInteger, minimumDigits: Int) {
        var bytes: [UInt8] = []
        bytes.appendDecimal(value, minimumDigits: minimumDigits)
        self.init(decoding: bytes, as: UTF8.self)
    }

    /// `value` in fixed-point decimal, rounded to at most `maximumFractionDigits` digits after the
    /// point, without trailing zeros, a point for a whole number, or an exponent: `12`, `0.5`,
    /// `-3.125`. The same number always gives the same text. `value` times
    /// 10^`maximumFractionDigits` must fit in 64 bits (it is clamped otherwise).
    public init(fixedPoint value: Double, maximumFractionDigits: Int) {
        var scale: Int64 = 1
        for _ in 0..<Swift.max(0, maximumFractionDigits) { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        let units = Int64(exactly: scaled) ?? (scaled.isNaN ? 0 : (scaled < 0 ? Int64.min + 1 : Int64.max))
        let magnitude = units.magnitude
        var text = (units < 0 ? "-" : "") + String(magnitude / UInt64(scale))
        var fraction = magnitude % UInt64(scale)
        guard fraction != 0 else {
            self = text
            return
        }
        var digits = maximumFractionDigits
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        text += "." + String(fraction, minimumDigits: digits)
        self = text
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` in ASCII decimal, left-padded with zeros to at least `minimumDigits` digits
    /// (a negative value has its `-` before the zeros). Allocates nothing beyond the array's own
    /// growth: it runs for every length and number the HTTP and PostgreSQL layers write.
    @inlinable
    public mutating func appendDecimal(_ value: some BinaryInteger, minimumDigits: Int = 1) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, enough for 64 bits
        var count = 0
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if count < minimumDigits { append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minimumDigits - count)) }
            append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }
}

extension Int {
    /// The value of ASCII decimal digits (`"0042"` is 42), or `nil` when there are none, when a byte
    /// is not a digit (a sign included), or when the value does not fit.
    public init?(asciiDigits digits: some Collection<UInt8>) {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte.isASCIIDigit else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow, !overflow2 else { return nil }
            value = sum
        }
        self = value
    }
}
