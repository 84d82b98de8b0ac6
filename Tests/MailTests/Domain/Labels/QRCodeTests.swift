import GuichetCrypto
import Testing

@testable import Mail

// Beyond these vectors, the encoder's symbols were checked once by hand against python-qrcode 8.2 (same masks:
// identical matrices for 110 symbols, versions 1–40, all levels) and decoded by zxing-cpp 3.1.1; those tools are
// not needed to run the tests.
@Suite struct QRCodeTests {
    private func rows(_ code: QRCode) -> [String] {
        (0..<code.size).map { row in String((0..<code.size).map { code.isDark(row: row, column: $0) ? "1" : "0" }) }
    }

    @Test func reedSolomonMatchesTheStandardsExample() {
        // ISO/IEC 18004 Annex I: "01234567" as version 1-M.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        #expect(ReedSolomon.errorCorrection(for: data, degree: 10) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
        #expect(ReedSolomon.generator(degree: 7) == [87, 229, 146, 149, 238, 102, 21].map { ReedSolomon.exponents[$0] })
    }

    @Test func fieldArithmetic() {
        #expect(ReedSolomon.exponents[8] == 0x1D)
        #expect(ReedSolomon.multiply(0, 7) == 0 && ReedSolomon.multiply(1, 0x53) == 0x53)
        for a in 1...255 {
            let inverse = ReedSolomon.exponents[255 - ReedSolomon.logarithms[a]]
            #expect(ReedSolomon.multiply(UInt8(a), inverse) == 1)
        }
    }

    @Test func formatAndVersionInformationMatchTheStandardsTables() {
        // ISO/IEC 18004 Annex C: level M, mask 5 is 100000011001110; Annex D: version 7 is 000111110010010100.
        #expect(QRCode.formatBits(level: .medium, mask: 5) == 0b100000011001110)
        #expect(QRCode.formatBits(level: .low, mask: 0) == 0b111011111000100)
        #expect(QRCode.formatBits(level: .high, mask: 7) == 0b000100000111011)
        #expect(QRCode.versionBits(version: 7) == 0b000111110010010100)
        #expect(QRCode.versionBits(version: 40) == 0b101000110001101001)
    }

    @Test func tablesGiveTheStandardsCapacities() {
        #expect(QRCode.totalCodewords(version: 1) == 26 && QRCode.totalCodewords(version: 7) == 196 && QRCode.totalCodewords(version: 40) == 3706)
        #expect(QRCode.byteCapacity(version: 1, errorCorrection: .medium) == 14)
        #expect(QRCode.byteCapacity(version: 10, errorCorrection: .medium) == 213)
        #expect(QRCode.byteCapacity(version: 40, errorCorrection: .low) == 2953)
        #expect(QRCode.alignmentPositions(version: 1) == [])
        #expect(QRCode.alignmentPositions(version: 2) == [6, 18])
        #expect(QRCode.alignmentPositions(version: 7) == [6, 22, 38])
        #expect(QRCode.alignmentPositions(version: 32) == [6, 34, 60, 86, 112, 138])
        #expect(QRCode.alignmentPositions(version: 40) == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test(arguments: QRReferenceVectors.all.indices)
    func matchesAnIndependentEncoder(index: Int) throws {
        let vector = QRReferenceVectors.all[index]
        let code = try QRCode(text: vector.text, errorCorrection: vector.level, versions: vector.version...40, mask: vector.forcedMask)
        #expect(code.version == vector.version)
        #expect(code.mask == vector.mask, "mask chosen by the penalty rules")
        let lines = rows(code)
        if let expected = vector.rows {
            for (row, (mine, theirs)) in zip(lines, expected).enumerated() { #expect(mine == theirs, "row \(row)") }
        }
        #expect(SHA256.hexHash(lines.joined(separator: "\n")) == vector.matrixSHA256)
        var penalties: [Int] = []
        var unmasked = QRMatrix(version: vector.version)
        unmasked.placeData(QRCode.codewords(for: Array(vector.text.utf8), version: vector.version, level: vector.level))
        for mask in 0...7 {
            var matrix = unmasked
            matrix.applyMask(mask)
            matrix.drawFormat(QRCode.formatBits(level: vector.level, mask: mask))
            penalties.append(matrix.penalty())
        }
        #expect(penalties == vector.penalties)
        if let capacity = vector.capacity {
            #expect(QRCode.byteCapacity(version: vector.version, errorCorrection: vector.level) == capacity)
        }
    }

    @Test func choosesTheSmallestVersionThatFits() throws {
        #expect(try QRCode(text: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(text: String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(text: String(repeating: "a", count: 14), versions: 3...10).version == 3)
        #expect(try QRCode(text: "x", errorCorrection: .high).size == 21)
    }

    @Test func refusesWhatCannotBeEncoded() {
        #expect(throws: QRCode.EncodingError.dataTooLong(byteCount: 214, capacity: 213)) {
            try QRCode(bytes: [UInt8](repeating: 0x41, count: 214), versions: 1...10)
        }
        #expect(throws: QRCode.EncodingError.dataTooLong(byteCount: 3000, capacity: 2331)) {
            try QRCode(bytes: [UInt8](repeating: 0x41, count: 3000))
        }
        #expect(throws: QRCode.EncodingError.invalidVersions) { try QRCode(text: "x", versions: 0...3) }
        #expect(throws: QRCode.EncodingError.invalidVersions) { try QRCode(text: "x", versions: 1...41) }
        #expect(throws: QRCode.EncodingError.invalidMask(8)) { try QRCode(text: "x", mask: 8) }
    }

    @Test func theQuietZoneIsLight() throws {
        let code = try QRCode(text: "2026/A/000123")
        #expect(!code.isDark(row: -1, column: 0) && !code.isDark(row: 0, column: code.size))
        #expect(code.isDark(row: 0, column: 0) && code.isDark(row: code.size - 8, column: 8), "finder corner and the dark module")
    }
}
