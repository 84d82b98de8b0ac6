/// A QR code symbol (ISO/IEC 18004), encoded in byte mode: the data codewords, Reed–Solomon error
/// correction in interleaved blocks, the function patterns, format and version information, and the data
/// mask with the lowest penalty.
///
/// ```swift
/// let code = try QRCode(text: "https://guichet.ma/m/2026-A-000123")   // level M, smallest version
/// code.size                      // modules per side (21 for version 1)
/// code.isDark(row: 0, column: 0) // true: a finder pattern's corner
/// ```
///
/// Text is encoded as its UTF-8 bytes without an ECI header (readers take byte-mode data as UTF-8 when it
/// decodes as such); registry numbers and URLs are ASCII anyway.
public struct QRCode: Sendable, Hashable {
    /// How much of the symbol can be damaged and still read.
    public enum ErrorCorrection: Sendable, Hashable, CaseIterable {
        /// About 7 % of codewords can be restored.
        case low
        /// About 15 % (the default for labels).
        case medium
        /// About 25 %.
        case quartile
        /// About 30 %.
        case high

        /// The two bits of the level in the format information.
        var formatIndicator: Int {
            switch self {
            case .low: 1
            case .medium: 0
            case .quartile: 3
            case .high: 2
            }
        }
    }

    /// Why a symbol cannot be made.
    public enum EncodingError: Error, Sendable, Hashable {
        /// The data does not fit in the largest version allowed at this level.
        case dataTooLong(byteCount: Int, capacity: Int)
        /// The versions asked for are not within 1...40.
        case invalidVersions
        /// The mask asked for is not within 0...7.
        case invalidMask(Int)
    }

    /// The versions that exist.
    public static let versions = 1...40

    /// The version, 1...40 (the symbol is 17 + 4 × version modules wide).
    public let version: Int
    /// The error correction level.
    public let errorCorrection: ErrorCorrection
    /// The data mask applied, 0...7.
    public let mask: Int
    /// Modules per side.
    public let size: Int
    /// Whether each module is dark, row by row.
    let modules: [Bool]

    /// Encodes `bytes` at `errorCorrection` in the smallest of `versions` they fit, with the best mask
    /// (or `mask` if given).
    public init(
        bytes: [UInt8], errorCorrection: ErrorCorrection = .medium, versions: ClosedRange<Int> = QRCode.versions, mask: Int? = nil
    ) throws(EncodingError) {
        guard Self.versions.contains(versions.lowerBound), Self.versions.contains(versions.upperBound) else { throw .invalidVersions }
        if let mask, !(0...7).contains(mask) { throw .invalidMask(mask) }
        guard let version = versions.first(where: { Self.byteCapacity(version: $0, errorCorrection: errorCorrection) >= bytes.count }) else {
            throw .dataTooLong(byteCount: bytes.count, capacity: Self.byteCapacity(version: versions.upperBound, errorCorrection: errorCorrection))
        }
        let codewords = Self.codewords(for: bytes, version: version, level: errorCorrection)
        var matrix = QRMatrix(version: version)
        matrix.placeData(codewords)
        let chosen = mask ?? matrix.bestMask(level: errorCorrection)
        matrix.applyMask(chosen)
        matrix.drawFormat(QRCode.formatBits(level: errorCorrection, mask: chosen))
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = chosen
        size = matrix.size
        modules = matrix.dark
    }

    /// Encodes the UTF-8 bytes of `text`.
    public init(
        text: String, errorCorrection: ErrorCorrection = .medium, versions: ClosedRange<Int> = QRCode.versions, mask: Int? = nil
    ) throws(EncodingError) {
        try self.init(bytes: Array(text.utf8), errorCorrection: errorCorrection, versions: versions, mask: mask)
    }

    /// Whether the module at `row`, `column` (from the top left, 0-based) is dark; modules outside the
    /// symbol (the quiet zone) are light.
    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }

    /// How many bytes a version holds in byte mode at a level.
    public static func byteCapacity(version: Int, errorCorrection: ErrorCorrection) -> Int {
        let bits = dataCodewords(version: version, level: errorCorrection) * 8 - 4 - characterCountBits(version: version)
        return bits / 8
    }

    /// The width of the byte-mode character count: 8 bits up to version 9, 16 from version 10.
    static func characterCountBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    /// The final sequence of codewords: data (mode, count, bytes, terminator, padding) split into blocks,
    /// each with its error correction, interleaved.
    static func codewords(for bytes: [UInt8], version: Int, level: ErrorCorrection) -> [UInt8] {
        let capacity = dataCodewords(version: version, level: level)
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: characterCountBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacity * 8 - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count < capacity {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }

        let blockCount = errorCorrectionBlocks(version: version, level: level)
        let degree = errorCorrectionCodewordsPerBlock(version: version, level: level)
        let total = totalCodewords(version: version)
        let shortBlocks = blockCount - total % blockCount
        let shortDataLength = total / blockCount - degree
        var blocks: [[UInt8]] = []
        var corrections: [[UInt8]] = []
        let generator = ReedSolomon.generator(degree: degree)
        var offset = 0
        for index in 0..<blockCount {
            let length = shortDataLength + (index < shortBlocks ? 0 : 1)
            let block = Array(data[offset..<(offset + length)])
            offset += length
            blocks.append(block)
            corrections.append(ReedSolomon.errorCorrection(for: block, generator: generator))
        }
        var result: [UInt8] = []
        result.reserveCapacity(total)
        for index in 0..<(shortDataLength + 1) {
            for block in blocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<degree {
            for correction in corrections { result.append(correction[index]) }
        }
        return result
    }
}

/// Bits appended most significant first, read back as bytes.
struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    /// Appends the low `count` bits of `value`, most significant first.
    mutating func append(_ value: Int, count bitCount: Int) {
        var remaining = bitCount
        while remaining > 0 {
            if count % 8 == 0 { bytes.append(0) }
            let free = 8 - count % 8
            let taken = min(free, remaining)
            let bits = (value >> (remaining - taken)) & ((1 << taken) - 1)
            bytes[bytes.count - 1] |= UInt8(bits << (free - taken))
            count += taken
            remaining -= taken
        }
    }
}
