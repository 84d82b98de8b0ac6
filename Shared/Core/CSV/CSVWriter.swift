/// Writes CSV (RFC 4180) into a byte buffer, safe to open in a spreadsheet: exports of statistics,
/// registries and lists.
///
/// - Fields are separated by a comma (configurable: French Excel expects `;`), rows end with CRLF,
///   and a field holding the separator, a quote, CR or LF is quoted with inner quotes doubled.
/// - The output starts with a UTF-8 byte order mark by default, so that Excel reads Arabic and
///   accented text as UTF-8 instead of the local code page.
/// - Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
///   or a CR — OWASP's "CSV injection") get a leading apostrophe. Numbers written with the numeric
///   `writeField` overloads are not touched, so `-3` stays a number.
///
/// ```swift
/// var csv = CSVWriter()
/// csv.writeRow(["month", "received"])
/// csv.writeField("2026-03"); csv.writeField(42); csv.endRow()
/// send(csv.bytes)
/// ```
public struct CSVWriter: Sendable {
    /// How the CSV is written.
    public struct Configuration: Sendable, Hashable {
        /// The field separator (an ASCII byte other than a quote, CR or LF; `,` by default).
        public var separator: UInt8
        /// Whether the output starts with the UTF-8 byte order mark `EF BB BF` (default true).
        public var includesByteOrderMark: Bool
        /// Whether text cells that look like formulas get a leading apostrophe (default true).
        public var neutralizesFormulas: Bool

        /// A configuration; the defaults suit Excel and LibreOffice in any locale that uses `,`.
        public init(separator: UInt8 = UInt8(ascii: ","), includesByteOrderMark: Bool = true, neutralizesFormulas: Bool = true) {
            precondition(
                separator < 0x80 && separator != UInt8(ascii: "\"") && separator != 0x0D && separator != 0x0A,
                "A CSV separator is an ASCII byte other than a quote, CR or LF")
            self.separator = separator
            self.includesByteOrderMark = includesByteOrderMark
            self.neutralizesFormulas = neutralizesFormulas
        }
    }

    /// The UTF-8 byte order mark.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// The media type of the output.
    public static let mediaType = "text/csv; charset=utf-8"

    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    /// How this writer writes.
    public let configuration: Configuration
    private var fieldsInRow = 0

    /// Creates a writer (writing the byte order mark first, if configured) with room for `capacity` bytes.
    public init(configuration: Configuration = Configuration(), capacity: Int = 4096) {
        self.configuration = configuration
        bytes = []
        bytes.reserveCapacity(capacity)
        if configuration.includesByteOrderMark {
            bytes.append(contentsOf: Self.byteOrderMark)
        }
    }

    /// Writes a whole row of text cells and ends it.
    public mutating func writeRow(_ fields: [String]) {
        for field in fields { writeField(field) }
        endRow()
    }

    /// Writes a text cell: neutralised if it looks like a formula, quoted if it needs to be.
    public mutating func writeField(_ text: String) {
        separate()
        let utf8 = text.utf8
        let neutralize = configuration.neutralizesFormulas && utf8.first.map(Self.startsFormula) == true
        let needsQuotes = utf8.contains { $0 == configuration.separator || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        if neutralize { bytes.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes an empty cell (a missing value).
    public mutating func writeEmptyField() {
        separate()
    }

    /// Writes an integer cell.
    public mutating func writeField(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a number with exactly `fractionDigits` digits after a `.` (0 to 9), rounded half
    /// away from zero; a non-finite value gives an empty cell.
    public mutating func writeField(_ value: Double, fractionDigits: Int) {
        precondition((0...9).contains(fractionDigits), "fractionDigits must be 0...9")
        separate()
        guard value.isFinite else { return }
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        if value < 0 && units > 0 { bytes.append(UInt8(ascii: "-")) }
        bytes.append(contentsOf: String(units / divisor).utf8)
        if fractionDigits > 0 {
            bytes.append(UInt8(ascii: "."))
            let fraction = String(units % divisor).utf8
            for _ in fraction.count..<fractionDigits { bytes.append(UInt8(ascii: "0")) }
            bytes.append(contentsOf: fraction)
        }
    }

    /// Ends the current row (CRLF).
    public mutating func endRow() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(configuration.separator) }
        fieldsInRow += 1
    }

    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }
}
