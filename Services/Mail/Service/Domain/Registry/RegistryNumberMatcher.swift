/// Reads a registry number back into its parts by matching it against a format's template, with
/// backtracking over the sequence's length (templates are a handful of parts, numbers 40 bytes).
///
/// Strict matching (``RegistryNumberFormat/parse(_:)``) wants the text exactly as the format writes it.
/// Lenient matching (search) takes text whose separators were removed, letters in any case, and a
/// sequence with any number of digits.
struct RegistryNumberMatcher {
    /// What a number reads as.
    struct Match {
        var year: Int
        var direction: MailDirection
        var sequence: Int
    }

    let parts: [RegistryNumberFormat.Part]
    let codes: [(direction: MailDirection, code: [UInt8])]
    let lenient: Bool

    init(format: RegistryNumberFormat, lenient: Bool) {
        self.lenient = lenient
        if lenient {
            // Separators are removed from the query, so they are removed from the literals too.
            parts = format.parts.compactMap { part in
                guard case .literal(let bytes) = part else { return part }
                let kept = bytes.filter { !Self.isSeparator($0) }.map(Self.uppercased)
                return kept.isEmpty ? nil : .literal(kept)
            }
        } else {
            parts = format.parts
        }
        codes = MailDirection.allCases.map { direction in
            let code = Array(format.code(of: direction).utf8)
            return (direction, lenient ? code.map(Self.uppercased) : code)
        }
    }

    /// Whether a byte separates parts of a number when a person types it loosely.
    static func isSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: " "), 0x09: true
        default: false
        }
    }

    static func uppercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// The parts `bytes` reads as, or `nil`.
    func match(_ bytes: [UInt8]) -> Match? {
        let input = lenient ? bytes.map(Self.uppercased) : bytes
        var match = Match(year: 0, direction: .incoming, sequence: 0)
        return input.withUnsafeBufferPointer { buffer in
            matches(buffer, at: 0, part: 0, into: &match) ? match : nil
        }
    }

    private func matches(_ input: UnsafeBufferPointer<UInt8>, at position: Int, part index: Int, into match: inout Match) -> Bool {
        guard index < parts.count else { return position == input.count }
        switch parts[index] {
        case .literal(let literal):
            guard input.count - position >= literal.count else { return false }
            for offset in literal.indices where input[position + offset] != literal[offset] { return false }
            return matches(input, at: position + literal.count, part: index + 1, into: &match)
        case .year:
            guard input.count - position >= 4 else { return false }
            var year = 0
            for offset in 0..<4 {
                let byte = input[position + offset]
                guard Self.isDigit(byte) else { return false }
                year = year * 10 + Int(byte - UInt8(ascii: "0"))
            }
            guard RegistryNumberFormat.years.contains(year) else { return false }
            match.year = year
            return matches(input, at: position + 4, part: index + 1, into: &match)
        case .direction:
            for (direction, code) in codes where input.count - position >= code.count {
                guard code.indices.allSatisfy({ input[position + $0] == code[$0] }) else { continue }
                match.direction = direction
                if matches(input, at: position + code.count, part: index + 1, into: &match) { return true }
            }
            return false
        case .sequence(let width):
            var run = 0
            while position + run < input.count, Self.isDigit(input[position + run]) { run += 1 }
            let shortest = lenient ? 1 : width
            guard run >= shortest else { return false }
            // The longest reading first; shorter ones only if what follows needs the digits.
            for length in stride(from: min(run, 10), through: shortest, by: -1) {
                if !lenient, length > width, input[position] == UInt8(ascii: "0") { continue }
                var sequence = 0
                for offset in 0..<length { sequence = sequence * 10 + Int(input[position + offset] - UInt8(ascii: "0")) }
                guard sequence >= 1 else { continue }
                match.sequence = sequence
                if matches(input, at: position + length, part: index + 1, into: &match) { return true }
            }
            return false
        }
    }
}
