/// The module grid of a QR code symbol while it is built: function patterns, data placement, masking and
/// the penalty that chooses the mask (ISO/IEC 18004 §7.7–7.9).
struct QRMatrix {
    /// Modules per side.
    let size: Int
    /// Whether each module is dark, row by row.
    var dark: [Bool]
    /// Whether each module belongs to a function pattern (finder, separator, timing, alignment, format,
    /// version, dark module) and so takes no data and no mask.
    var isFunction: [Bool]

    /// A grid for `version` with every function pattern drawn and the format area reserved.
    init(version: Int) {
        size = 17 + 4 * version
        dark = [Bool](repeating: false, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
        for (row, column) in [(0, 0), (0, size - 7), (size - 7, 0)] { drawFinder(row: row, column: column) }
        for index in 8..<(size - 8) {
            setFunction(row: 6, column: index, dark: index % 2 == 0)
            setFunction(row: index, column: 6, dark: index % 2 == 0)
        }
        let positions = QRCode.alignmentPositions(version: version)
        if let first = positions.first, let last = positions.last {
            for row in positions {
                for column in positions {
                    let nearFinder = (row == first && column == first) || (row == first && column == last) || (row == last && column == first)
                    if !nearFinder { drawAlignment(row: row, column: column) }
                }
            }
        }
        drawFormat(0)  // reserves the area; drawn again once the mask is chosen
        if version >= 7 { drawVersion(QRCode.versionBits(version: version)) }
    }

    private mutating func setFunction(row: Int, column: Int, dark value: Bool) {
        dark[row * size + column] = value
        isFunction[row * size + column] = true
    }

    private mutating func drawFinder(row: Int, column: Int) {
        for dr in -1...7 {
            for dc in -1...7 {
                let r = row + dr
                let c = column + dc
                guard (0..<size).contains(r), (0..<size).contains(c) else { continue }
                let inPattern = (0...6).contains(dr) && (0...6).contains(dc)
                let ring = dr == 0 || dr == 6 || dc == 0 || dc == 6
                let core = (2...4).contains(dr) && (2...4).contains(dc)
                setFunction(row: r, column: c, dark: inPattern && (ring || core))
            }
        }
    }

    private mutating func drawAlignment(row: Int, column: Int) {
        for dr in -2...2 {
            for dc in -2...2 {
                setFunction(row: row + dr, column: column + dc, dark: max(abs(dr), abs(dc)) != 1)
            }
        }
    }

    /// Draws the 15 format bits (bit 0 least significant) in both copies, and the dark module.
    mutating func drawFormat(_ bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        // Around the top-left finder: down column 8, then leftwards along row 8.
        for index in 0...5 { setFunction(row: index, column: 8, dark: bit(index)) }
        setFunction(row: 7, column: 8, dark: bit(6))
        setFunction(row: 8, column: 8, dark: bit(7))
        setFunction(row: 8, column: 7, dark: bit(8))
        for index in 9..<15 { setFunction(row: 8, column: 14 - index, dark: bit(index)) }
        // Beside the other two finders: along row 8 from the right edge, then down column 8 at the bottom.
        for index in 0..<8 { setFunction(row: 8, column: size - 1 - index, dark: bit(index)) }
        for index in 8..<15 { setFunction(row: size - 15 + index, column: 8, dark: bit(index)) }
        setFunction(row: size - 8, column: 8, dark: true)
    }

    /// Draws the 18 version bits in the blocks beside the top-right and bottom-left finders.
    private mutating func drawVersion(_ bits: Int) {
        for index in 0..<18 {
            let value = (bits >> index) & 1 == 1
            let near = size - 11 + index % 3
            let far = index / 3
            setFunction(row: far, column: near, dark: value)
            setFunction(row: near, column: far, dark: value)
        }
    }

    /// Places the codewords' bits in two-module-wide columns zigzagging up and down from the bottom
    /// right, skipping function modules and the vertical timing pattern; remainder modules stay light.
    mutating func placeData(_ codewords: [UInt8]) {
        let size = size
        let bitCount = codewords.count * 8
        let reserved = isFunction
        var index = 0
        var column = size - 1
        var upward = true
        dark.withUnsafeMutableBufferPointer { grid in
            while column >= 1 {
                if column == 6 { column = 5 }
                for step in 0..<size {
                    let row = upward ? size - 1 - step : step
                    for c in stride(from: column, through: column - 1, by: -1) where !reserved[row * size + c] {
                        if index < bitCount {
                            grid[row * size + c] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                        }
                        index += 1
                    }
                }
                upward.toggle()
                column -= 2
            }
        }
    }

    /// Whether mask `mask` inverts the module at `row`, `column` (ISO/IEC 18004 Table 10).
    static func masks(_ mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// Inverts the data modules that `mask` selects (applying it twice undoes it).
    mutating func applyMask(_ mask: Int) {
        let size = size
        let reserved = isFunction
        dark.withUnsafeMutableBufferPointer { grid in
            for row in 0..<size {
                for column in 0..<size where !reserved[row * size + column] && Self.masks(mask, row: row, column: column) {
                    grid[row * size + column].toggle()
                }
            }
        }
    }

    /// The mask whose symbol (with its format information) has the lowest penalty; the lowest-numbered
    /// one on a tie.
    mutating func bestMask(level: QRCode.ErrorCorrection) -> Int {
        var best = 0
        var lowest = Int.max
        for mask in 0...7 {
            applyMask(mask)
            drawFormat(QRCode.formatBits(level: level, mask: mask))
            let score = penalty()
            if score < lowest {
                lowest = score
                best = mask
            }
            applyMask(mask)
        }
        return best
    }

    /// The penalty score of the symbol (ISO/IEC 18004 §7.8.3, Table 11):
    /// - N1: 3 + (n − 5) for each run of n ≥ 5 modules of one colour in a row or column;
    /// - N2: 3 for each 2 × 2 block of one colour (overlapping blocks count each);
    /// - N3: 40 for each dark-light-dark-dark-dark-light-dark pattern in a row or column with 4 light
    ///   modules before or after it (outside the symbol counts as light, the quiet zone);
    /// - N4: 10 for each full 5 % by which the dark proportion strays from 50 %.
    func penalty() -> Int {
        dark.withUnsafeBufferPointer { grid in
            var score = 0
            // One line at a time, copied into a buffer with 4 light modules of quiet zone on each side.
            var padded = [Bool](repeating: false, count: size + 8)
            padded.withUnsafeMutableBufferPointer { line in
                for index in 0..<size {
                    for other in 0..<size { line[other + 4] = grid[index * size + other] }
                    score += Self.linePenalty(line, count: size)
                    for other in 0..<size { line[other + 4] = grid[other * size + index] }
                    score += Self.linePenalty(line, count: size)
                }
            }
            for row in 0..<(size - 1) {
                let top = row * size
                let bottom = top + size
                for column in 0..<(size - 1) {
                    let value = grid[top + column]
                    if value == grid[top + column + 1], value == grid[bottom + column], value == grid[bottom + column + 1] {
                        score += 3
                    }
                }
            }
            var darkCount = 0
            for value in grid where value { darkCount += 1 }
            let total = size * size
            score += abs(darkCount * 20 - total * 10) / total * 10
            return score
        }
    }

    /// N1 and N3 of one row or column of `count` modules, stored from index 4 of `line` between 4 light
    /// modules on each side.
    static func linePenalty(_ line: UnsafeMutableBufferPointer<Bool>, count: Int) -> Int {
        var score = 0
        var run = 1
        for index in 5..<(count + 4) {
            if line[index] == line[index - 1] {
                run += 1
            } else {
                if run >= 5 { score += run - 2 }
                run = 1
            }
        }
        if run >= 5 { score += run - 2 }
        // dark, light, dark, dark, dark, light, dark, with four light modules before or after.
        var start = 4
        while start + 7 <= count + 4 {
            defer { start += 1 }
            guard line[start], !line[start + 1], line[start + 2], line[start + 3], line[start + 4], !line[start + 5], line[start + 6]
            else { continue }
            let lightBefore = !line[start - 1] && !line[start - 2] && !line[start - 3] && !line[start - 4]
            let lightAfter = !line[start + 7] && !line[start + 8] && !line[start + 9] && !line[start + 10]
            if lightBefore || lightAfter { score += 40 }
        }
        return score
    }
}
