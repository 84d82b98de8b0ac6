import FoundationEssentials
import Testing

/// A strict reader of the iCalendar documents the domain writes, to check them from the outside:
/// CRLF only, physical lines of at most 75 octets, each valid UTF-8, folding undone, properties
/// split into name, parameters and value.
struct ICalendarReader {
    struct Property: Equatable {
        var name: String
        var parameters: [String: String]
        var value: String
    }

    enum Failure: Error, Equatable {
        case bareLineBreak(offset: Int)
        case missingFinalCRLF
        case lineTooLong(line: Int, octets: Int)
        case invalidUTF8(line: Int)
        case malformedLine(String)
        case badEscape(String)
    }

    /// Every property in document order (BEGIN and END included).
    let properties: [Property]
    /// The physical lines, as octets.
    let physicalLines: [[UInt8]]

    init(_ bytes: [UInt8]) throws {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { throw Failure.bareLineBreak(offset: index) }
                lines.append(current)
                current = []
                index += 2
                continue
            }
            if byte == 0x0A { throw Failure.bareLineBreak(offset: index) }
            current.append(byte)
            index += 1
        }
        guard current.isEmpty else { throw Failure.missingFinalCRLF }
        for (number, line) in lines.enumerated() {
            if line.count > 75 { throw Failure.lineTooLong(line: number, octets: line.count) }
            if String(validating: line, as: UTF8.self) == nil { throw Failure.invalidUTF8(line: number) }
        }
        physicalLines = lines
        // Unfold: a line starting with a space or tab continues the previous one.
        var logical: [[UInt8]] = []
        for line in lines {
            if let first = line.first, first == 0x20 || first == 0x09, !logical.isEmpty {
                logical[logical.count - 1] += line.dropFirst()
            } else {
                logical.append(line)
            }
        }
        properties = try logical.map { try ICalendarReader.property(String(decoding: $0, as: UTF8.self)) }
    }

    private static func property(_ line: String) throws -> Property {
        guard let colon = line.firstIndex(of: ":") else { throw Failure.malformedLine(line) }
        let head = line[..<colon]
        var parts = head.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let name = parts.removeFirst()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { throw Failure.malformedLine(line) }
        var parameters: [String: String] = [:]
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw Failure.malformedLine(line) }
            parameters[pair[0]] = pair[1]
        }
        return Property(name: name, parameters: parameters, value: String(line[line.index(after: colon)...]))
    }

    /// Undoes TEXT escaping; throws on an escape RFC 5545 does not define, or on an unescaped
    /// `;` or `,`.
    static func unescape(_ value: String) throws -> String {
        var result = ""
        var escaping = false
        for character in value {
            if escaping {
                switch character {
                case "\\": result.append("\\")
                case ";": result.append(";")
                case ",": result.append(",")
                case "n", "N": result.append("\n")
                default: throw Failure.badEscape(value)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                if character == ";" || character == "," { throw Failure.badEscape(value) }
                result.append(character)
            }
        }
        if escaping { throw Failure.badEscape(value) }
        return result
    }

    /// The properties of each component named `name` (nested components included, flattened).
    func components(_ name: String) -> [[Property]] {
        var result: [[Property]] = []
        var current: [Property]?
        var depth = 0
        for property in properties {
            if property.name == "BEGIN" && property.value == name && current == nil {
                current = []
                depth = 0
                continue
            }
            if current != nil {
                if property.name == "BEGIN" { depth += 1 }
                if property.name == "END" {
                    if depth == 0 && property.value == name {
                        result.append(current ?? [])
                        current = nil
                        continue
                    }
                    depth -= 1
                }
                current?.append(property)
            }
        }
        return result
    }

    /// The first property named `name` at the top of a component's properties.
    static func first(_ name: String, in properties: [Property]) -> Property? {
        properties.first { $0.name == name }
    }

    /// The instant a local DATE-TIME names in a VTIMEZONE made of observances (onset in local time
    /// before the change, offset from, offset to): the earliest instant whose offset, by the latest
    /// onset at or before it, agrees (RFC 5545 reads a repeated local time as its first occurrence).
    static func instant(local: String, observances: [(start: String, from: Int, to: Int)]) -> Date? {
        guard let localSeconds = seconds(local) else { return nil }
        let onsets = observances.compactMap { observance in
            seconds(observance.start).map { (instant: $0 - Int64(observance.from), offset: observance.to) }
        }.sorted { $0.instant < $1.instant }
        var best: Int64?
        for offset in Set(onsets.map(\.offset)) {
            let candidate = localSeconds - Int64(offset)
            guard let inForce = onsets.last(where: { $0.instant <= candidate }), inForce.offset == offset else { continue }
            best = min(best ?? candidate, candidate)
        }
        return best.map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// Seconds since 1970 of `YYYYMMDDTHHMMSS` read as UTC.
    static func seconds(_ text: String) -> Int64? {
        let digits = Array(text.utf8)
        guard digits.count == 15, digits[8] == UInt8(ascii: "T") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), let hour = number(9..<11),
            let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        return date.map { Int64($0.timeIntervalSince1970) }
    }

    /// A UTC-OFFSET (`+0100`) in seconds.
    static func offset(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5 || bytes.count == 7, let hours = Int(String(decoding: bytes[1..<3], as: UTF8.self)),
            let minutes = Int(String(decoding: bytes[3..<5], as: UTF8.self))
        else { return nil }
        let seconds = bytes.count == 7 ? Int(String(decoding: bytes[5..<7], as: UTF8.self)) ?? 0 : 0
        let magnitude = hours * 3600 + minutes * 60 + seconds
        return bytes[0] == UInt8(ascii: "-") ? -magnitude : magnitude
    }
}
