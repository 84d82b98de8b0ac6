import GuichetCore

extension RegistryNumberFormat {
    /// The pointer of the template in the administrator's request.
    public static let templatePointer = "/template"

    /// The pointer of a direction's code in the administrator's request (`/direction_codes/incoming`).
    public static func directionCodePointer(_ direction: MailDirection) -> String {
        FieldError.pointer("direction_codes", direction.rawValue)
    }

    /// Everything wrong with a format an administrator wants to save, as field errors pointing into
    /// `{"template": …, "direction_codes": {"incoming": …, …}}`; empty if the format is valid.
    ///
    /// Codes: `required`, `too_long` (template over ``maximumTemplateLength`` or numbers over
    /// ``maximumNumberLength``), `unsafe_character`, `unclosed_placeholder`, `unknown_placeholder`,
    /// `duplicate_placeholder`, `missing_placeholder` (one error per missing placeholder),
    /// `invalid_sequence_width`, `ambiguous_sequence` (a digit right after the sequence),
    /// `invalid_direction_code` (not 1–3 capital letters), `duplicate_direction_code` (two directions
    /// with codes equal or one a prefix of the other).
    public static func validationErrors(
        template: String, directionCodes: [MailDirection: String] = defaultDirectionCodes
    ) -> [FieldError] {
        analyse(template: template, directionCodes: directionCodes).errors
    }

    /// Parses a template into parts and collects every error in it and in the codes.
    static func analyse(template: String, directionCodes: [MailDirection: String]) -> (parts: [Part], errors: [FieldError]) {
        let field = templatePointer
        var errors: [FieldError] = []
        errors += codeErrors(directionCodes)
        if template.isEmpty { return ([], errors + [.required(field)]) }
        if template.count > maximumTemplateLength { return ([], errors + [.tooLong(field, maximum: maximumTemplateLength)]) }

        var parts: [Part] = []
        var literal: [UInt8] = []
        var seen: Set<String> = []
        var reported: Set<String> = []
        func report(_ error: FieldError) {
            let key = error.code + (error.parameters["placeholder"]?.stringValue ?? "")
            if reported.insert(key).inserted { errors.append(error) }
        }
        let bytes = Array(template.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "}") {
                report(.registryFormat(field, code: "unclosed_placeholder"))
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "{") else {
                if isSafeLiteral(byte) {
                    literal.append(byte)
                } else {
                    let scalar = String(template.unicodeScalars.first { !$0.isASCII || !isSafeLiteral(UInt8($0.value)) } ?? "?")
                    report(.registryFormat(field, code: "unsafe_character", parameters: ["character": .string(scalar)]))
                }
                index += 1
                continue
            }
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else {
                report(.registryFormat(field, code: "unclosed_placeholder"))
                break
            }
            let name = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            index = close + 1
            let part: Part
            let kind: String
            switch name {
            case "year": (part, kind) = (.year, "year")
            case "direction": (part, kind) = (.direction, "direction")
            case "seq": (part, kind) = (.sequence(width: 1), "seq")
            case _ where name.hasPrefix("seq:"):
                kind = "seq"
                let digits = name.dropFirst(4)
                guard digits.utf8.count <= 2, let width = Int(digits), sequenceWidths.contains(width),
                    digits.utf8.allSatisfy(RegistryNumberMatcher.isDigit)
                else {
                    report(.registryFormat(field, code: "invalid_sequence_width", parameters: ["placeholder": .string("{\(name)}")]))
                    continue
                }
                part = .sequence(width: width)
            default:
                report(.registryFormat(field, code: "unknown_placeholder", parameters: ["placeholder": .string("{\(name)}")]))
                continue
            }
            guard seen.insert(kind).inserted else {
                report(.registryFormat(field, code: "duplicate_placeholder", parameters: ["placeholder": .string("{\(kind)}")]))
                continue
            }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = []
            parts.append(part)
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        for kind in ["year", "direction", "seq"] where !seen.contains(kind) {
            report(.registryFormat(field, code: "missing_placeholder", parameters: ["placeholder": .string("{\(kind)}")]))
        }
        for (offset, part) in parts.enumerated() {
            guard case .sequence = part, offset + 1 < parts.count else { continue }
            switch parts[offset + 1] {
            case .year: report(.registryFormat(field, code: "ambiguous_sequence"))
            case .literal(let next) where RegistryNumberMatcher.isDigit(next[0]): report(.registryFormat(field, code: "ambiguous_sequence"))
            default: break
            }
        }
        if errors.isEmpty, longestNumber(parts, directionCodes) > maximumNumberLength {
            report(.tooLong(field, maximum: maximumNumberLength))
        }
        return (parts, errors)
    }

    /// Whether a byte may appear in a template's literal text.
    static func isSafeLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    private static func codeErrors(_ codes: [MailDirection: String]) -> [FieldError] {
        var errors: [FieldError] = []
        var valid: [(MailDirection, String)] = []
        for direction in MailDirection.allCases {
            let code = codes[direction] ?? direction.registryCode
            let isValid = (1...3).contains(code.utf8.count)
                && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
            if isValid {
                valid.append((direction, code))
            } else {
                errors.append(.registryFormat(directionCodePointer(direction), code: "invalid_direction_code"))
            }
        }
        for (index, (direction, code)) in valid.enumerated() {
            let clashes = valid[..<index].contains { other in other.1.hasPrefix(code) || code.hasPrefix(other.1) }
            if clashes { errors.append(.registryFormat(directionCodePointer(direction), code: "duplicate_direction_code")) }
        }
        return errors
    }

    private static func longestNumber(_ parts: [Part], _ codes: [MailDirection: String]) -> Int {
        let longestCode = MailDirection.allCases.map { (codes[$0] ?? $0.registryCode).utf8.count }.max() ?? 0
        return parts.reduce(0) { total, part in
            switch part {
            case .literal(let bytes): total + bytes.count
            case .year: total + 4
            case .direction: total + longestCode
            case .sequence(let width): total + max(width, 10)
            }
        }
    }
}

extension FieldError {
    /// A field error about a registry number format, with its message in French, Arabic and English.
    static func registryFormat(_ field: String, code: String, parameters: [String: JSONValue] = [:]) -> FieldError {
        let placeholder = parameters["placeholder"]?.stringValue ?? ""
        let message: LocalizedText
        switch code {
        case "unsafe_character":
            let character = parameters["character"]?.stringValue ?? ""
            message = LocalizedText(
                fr: "Caractère non autorisé « \(character) » : seuls A-Z, a-z, 0-9, /, -, _ et . sont acceptés.",
                ar: "الحرف «\(character)» غير مسموح به: تُقبل فقط A-Z وa-z و0-9 و/ و- و_ و.",
                en: "Character “\(character)” is not allowed: only A-Z, a-z, 0-9, /, -, _ and . are accepted.")
        case "unclosed_placeholder":
            message = LocalizedText(
                fr: "Une accolade n'est pas fermée ou n'a pas été ouverte.",
                ar: "يوجد قوس معقوف غير مغلق أو غير مفتوح.",
                en: "A brace is not closed or was never opened.")
        case "unknown_placeholder":
            message = LocalizedText(
                fr: "Élément inconnu \(placeholder) : utilisez {year}, {direction} et {seq:N}.",
                ar: "عنصر غير معروف \(placeholder): استعمل {year} و{direction} و{seq:N}.",
                en: "Unknown placeholder \(placeholder): use {year}, {direction} and {seq:N}.")
        case "duplicate_placeholder":
            message = LocalizedText(
                fr: "L'élément \(placeholder) apparaît plusieurs fois.",
                ar: "العنصر \(placeholder) مكرر.",
                en: "The placeholder \(placeholder) appears more than once.")
        case "missing_placeholder":
            message = LocalizedText(
                fr: "L'élément \(placeholder) est obligatoire pour que chaque numéro soit unique.",
                ar: "العنصر \(placeholder) إلزامي لضمان تفرد كل رقم.",
                en: "The placeholder \(placeholder) is required for every number to be unique.")
        case "invalid_sequence_width":
            message = LocalizedText(
                fr: "La largeur de la séquence doit être comprise entre 1 et 10 chiffres ({seq:6}).",
                ar: "يجب أن يكون عرض الرقم التسلسلي بين 1 و10 أرقام ({seq:6}).",
                en: "The sequence width must be between 1 and 10 digits ({seq:6}).")
        case "ambiguous_sequence":
            message = LocalizedText(
                fr: "La séquence ne peut pas être suivie directement d'un chiffre : ajoutez un séparateur.",
                ar: "لا يمكن أن يتبع الرقمَ التسلسلي رقمٌ مباشرة: أضف فاصلًا.",
                en: "The sequence cannot be followed directly by a digit: add a separator.")
        case "invalid_direction_code":
            message = LocalizedText(
                fr: "Le code de direction doit comporter 1 à 3 lettres majuscules (A-Z).",
                ar: "يجب أن يتكون رمز الاتجاه من حرف إلى ثلاثة أحرف كبيرة (A-Z).",
                en: "The direction code must be 1 to 3 capital letters (A-Z).")
        default:
            message = LocalizedText(
                fr: "Ce code de direction se confond avec celui d'une autre direction.",
                ar: "رمز الاتجاه هذا يتداخل مع رمز اتجاه آخر.",
                en: "This direction code can be confused with another direction's code.")
        }
        return FieldError(field: field, code: code, message: message, parameters: parameters)
    }
}
