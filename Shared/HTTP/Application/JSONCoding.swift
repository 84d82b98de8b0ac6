import FoundationEssentials
import GuichetCore

/// The house JSON conventions: snake_case member names on the wire, camelCase in Swift, and
/// decoding failures turned into RFC 9457 problems (400 for malformed JSON, 422 with field errors
/// for wrong types and missing members).
public enum JSONCoding {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Sorted keys: the same value always gives the same bytes (stored answers replay exactly).
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// Encodes `value` as UTF-8 JSON.
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        Array(try encoder.encode(value))
    }

    /// Decodes a request body, throwing a `Problem` in `language` when it is not acceptable.
    public static func decode<Value: Decodable>(
        _ type: Value.Type, from bytes: [UInt8], language: Language
    ) throws(Problem) -> Value {
        guard !bytes.isEmpty else {
            throw Problem(.malformedJSON, language: language)
        }
        do {
            return try decoder.decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw problem(for: error, language: language)
        } catch {
            throw Problem(.malformedJSON, language: language)
        }
    }

    private static func problem(for error: DecodingError, language: Language) -> Problem {
        switch error {
        case .typeMismatch(let expected, let context):
            return .validation([FieldError.invalidType(pointer(context.codingPath), expected: typeName(expected))], language: language)
        case .valueNotFound(_, let context):
            return .validation([FieldError.required(pointer(context.codingPath))], language: language)
        case .keyNotFound(let key, let context):
            return .validation([FieldError.required(pointer(context.codingPath + [key]))], language: language)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return Problem(.malformedJSON, language: language)
            }
            return .validation([FieldError.invalidFormat(pointer(context.codingPath))], language: language)
        @unknown default:
            return Problem(.malformedJSON, language: language)
        }
    }

    /// The JSON pointer (RFC 6901) of a coding path, with member names as they appear on the wire.
    static func pointer(_ path: [any CodingKey]) -> String {
        var pointer = ""
        for key in path {
            pointer += "/"
            if let index = key.intValue {
                pointer += String(index)
            } else {
                for character in snakeCase(key.stringValue) {
                    switch character {
                    case "~": pointer += "~0"
                    case "/": pointer += "~1"
                    default: pointer.append(character)
                    }
                }
            }
        }
        return pointer.isEmpty ? "/" : pointer
    }

    /// `trackingCode` → `tracking_code`, the inverse of the decoder's key strategy for our names.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.utf8.count + 4)
        for character in name {
            if character.isUppercase {
                if !result.isEmpty { result.append("_") }
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func typeName(_ type: Any.Type) -> FieldError.ValueType {
        switch type {
        case is String.Type, is Substring.Type: .string
        case is Bool.Type: .boolean
        case is Int.Type, is Int64.Type, is Int32.Type, is Int16.Type, is UInt.Type: .integer
        case is Double.Type, is Float.Type: .number
        default: String(describing: type).hasPrefix("Array") ? .array : .object
        }
    }
}
