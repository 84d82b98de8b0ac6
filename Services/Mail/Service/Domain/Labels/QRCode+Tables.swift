extension QRCode {
    /// Error correction codewords per block, by level and version (ISO/IEC 18004 Table 9); index 0 unused.
    static func errorCorrectionCodewordsPerBlock(version: Int, level: ErrorCorrection) -> Int {
        let table: [Int] =
            switch level {
            case .low: [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
            case .medium: [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28]
            case .quartile: [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
            case .high: [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
            }
        return table[version]
    }

    /// Error correction blocks, by level and version (ISO/IEC 18004 Table 9); index 0 unused.
    static func errorCorrectionBlocks(version: Int, level: ErrorCorrection) -> Int {
        let table: [Int] =
            switch level {
            case .low: [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25]
            case .medium: [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49]
            case .quartile: [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68]
            case .high: [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81]
            }
        return table[version]
    }

    /// The centre rows and columns of the alignment patterns (ISO/IEC 18004 Annex E): none for version
    /// 1; otherwise 6, the last at size − 7, and evenly spaced (even) steps in between.
    static func alignmentPositions(version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let last = 4 * version + 10
        // Version 32 is the one whose step the general rule does not give.
        let step = version == 32 ? 26 : ((last - 6) + (count - 1) * 2 - 1) / ((count - 1) * 2) * 2
        var positions = [6]
        for index in stride(from: count - 2, through: 0, by: -1) {
            positions.append(last - index * step)
        }
        return positions
    }

    /// The number of modules left for data and error correction once the function patterns are placed.
    static func dataModuleCount(version: Int) -> Int {
        let size = 17 + 4 * version
        var count = size * size
        count -= 3 * 64  // finder patterns with separators
        count -= 2 * (size - 16)  // timing patterns between them
        count -= 31  // format information (2 × 15) and the dark module
        let alignments = alignmentPositions(version: version).count
        if alignments > 0 {
            let placed = alignments * alignments - 3
            count -= placed * 25
            // Alignment patterns on row or column 6 cover timing modules already counted.
            count += (alignments - 2) * 2 * 5
        }
        if version >= 7 { count -= 36 }  // version information (2 × 18)
        return count
    }

    /// All codewords (data and error correction) of a version.
    static func totalCodewords(version: Int) -> Int {
        dataModuleCount(version: version) / 8
    }

    /// Data codewords of a version at a level.
    static func dataCodewords(version: Int, level: ErrorCorrection) -> Int {
        totalCodewords(version: version)
            - errorCorrectionCodewordsPerBlock(version: version, level: level) * errorCorrectionBlocks(version: version, level: level)
    }

    /// The 15 bits of format information for a level and mask: 5 data bits, 10 BCH(15,5) bits (generator
    /// 0x537), masked with 0x5412.
    static func formatBits(level: ErrorCorrection, mask: Int) -> Int {
        let data = level.formatIndicator << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return ((data << 10) | (remainder & 0x3FF)) ^ 0x5412
    }

    /// The 18 bits of version information: 6 data bits and 12 BCH(18,6) bits (generator 0x1F25).
    static func versionBits(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | (remainder & 0xFFF)
    }
}
