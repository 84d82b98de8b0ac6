import FoundationEssentials
import GuichetCore

/// The label stuck on a registered paper item: the tenant, the registry number, the date of registration
/// and a QR code (of a URL to the item, or of the number itself), as an SVG document sized in
/// millimetres for a label printer.
///
/// ```
/// ┌──────────────────────────────────────────┐
/// │ ▆▆▆▆▆▆▆  Ministère de la Santé          │
/// │ ▆ QR  ▆  2026/A/000123                   │
/// │ ▆▆▆▆▆▆▆  10/03/2026 10:00                │
/// └──────────────────────────────────────────┘
/// ```
///
/// Every text is escaped; the output is deterministic.
public struct MailLabel: Sendable, Hashable {
    /// The label's geometry and look.
    public struct Configuration: Sendable, Hashable {
        /// Width in millimetres (62 mm: a common label roll).
        public var width: Double = 62
        /// Height in millimetres.
        public var height: Double = 29
        /// Margin around the content, in millimetres.
        public var margin: Double = 1.5
        /// The font family list of the texts.
        public var fontFamily = "DejaVu Sans, Arial, sans-serif"
        /// The QR code's error correction.
        public var errorCorrection: QRCode.ErrorCorrection = .medium

        /// The default label.
        public init() {}
    }

    /// The tenant's name, as printed.
    public var tenantName: String
    /// The registry number, printed large.
    public var registryNumber: String
    /// When the item was registered.
    public var registeredAt: Date
    /// The tenant's time zone, in which the date is printed.
    public var timeZone: TimeZone
    /// What the QR code holds: a URL to the item, or the number itself.
    public var qrContent: String

    /// A label from its parts; `qrContent` defaults to the registry number.
    public init(tenantName: String, registryNumber: String, registeredAt: Date, timeZone: TimeZone, qrContent: String? = nil) {
        self.tenantName = tenantName
        self.registryNumber = registryNumber
        self.registeredAt = registeredAt
        self.timeZone = timeZone
        self.qrContent = qrContent ?? registryNumber
    }

    /// The registration date and time as printed: `dd/MM/yyyy HH:mm` in the tenant's zone.
    public var printedDate: String {
        let (day, secondOfDay) = registeredAt.localDateAndTime(in: timeZone)
        func two(_ value: Int) -> String { String(value, minimumDigits: 2) }
        return "\(two(day.day))/\(two(day.month))/\(day.year) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60))"
    }

    /// The label as an SVG document; throws if the QR content is too long for a QR code.
    public func svg(configuration: Configuration = Configuration()) throws(QRCode.EncodingError) -> String {
        let code = try QRCode(text: qrContent, errorCorrection: configuration.errorCorrection)
        let width = configuration.width
        let height = configuration.height
        let margin = configuration.margin
        let side = height - 2 * margin
        let module = side / Double(code.size + 8)
        let textX = margin + side + 2
        let textWidth = width - textX - margin
        let number = Markup.number
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))mm\" height=\"\(number(height))mm\""
        svg += " viewBox=\"0 0 \(number(width)) \(number(height))\">\n"
        svg += "<title>\(Markup.escape(registryNumber))</title>\n"
        svg += "<rect width=\"\(number(width))\" height=\"\(number(height))\" fill=\"#fff\"/>\n"
        svg += "<path transform=\"translate(\(number(margin + 4 * module)) \(number(margin + 4 * module))) scale(\(number(module)))\""
        svg += " fill=\"#000\" shape-rendering=\"crispEdges\" d=\"\(code.svgPathData)\"/>\n"
        svg += "<g font-family=\"\(Markup.escape(configuration.fontFamily))\" fill=\"#000\">\n"
        svg += text(tenantName, x: textX, y: margin + 5, size: 3, width: textWidth, weight: nil)
        svg += text(registryNumber, x: textX, y: height / 2 + 2.5, size: 3.8, width: textWidth, weight: "bold")
        svg += text(printedDate, x: textX, y: height - margin - 2, size: 3.2, width: textWidth, weight: nil)
        svg += "</g>\n</svg>\n"
        return svg
    }

    private func text(_ content: String, x: Double, y: Double, size: Double, width: Double, weight: String?) -> String {
        let number = Markup.number
        // A text likely wider than the room left (at about 0.6 em a character) gets a smaller font.
        let fitted = min(size, width / (Double(max(content.count, 1)) * 0.6))
        // Right-to-left text (Arabic) starts at the right edge of the text area.
        let rightToLeft = content.unicodeScalars.contains { Self.isRightToLeft($0) }
        var element = "<text x=\"\(number(rightToLeft ? x + width : x))\" y=\"\(number(y))\" font-size=\"\(number(fitted))\""
        if rightToLeft { element += " direction=\"rtl\"" }
        if let weight { element += " font-weight=\"\(weight)\"" }
        return element + ">" + Markup.escape(content) + "</text>\n"
    }

    /// Whether a scalar belongs to a right-to-left script (Arabic, Hebrew and their presentation forms).
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }
}
