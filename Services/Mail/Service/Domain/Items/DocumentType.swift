import GuichetCore

/// A kind of document a tenant registers (request, complaint, invitation, report…): whether it needs
/// a reply, its processing deadlines in working days and how long it is kept.
///
/// Deadlines are counted on the tenant's business calendar (loi 31-13: 20 working days, urgent 3).
public struct DocumentType: Sendable, Hashable, Identifiable {
    /// The longest code accepted.
    public static let maximumCodeLength = 40

    /// The stable code the API uses (`demande_information`): 1–40 of `a-z 0-9 _`, starting with a letter.
    public let code: String
    /// The type's name for people.
    public var name: LocalizedText
    /// Whether mail of this type cannot be closed as answered without a linked reply.
    public var requiresReply: Bool
    /// The processing deadline in working days for normal mail, if the type has one.
    public var deadlineWorkingDays: Int?
    /// The processing deadline in working days for urgent mail, if the type has one.
    public var urgentDeadlineWorkingDays: Int?
    /// How long mail of this type is kept after it is closed, and what happens then.
    public var retention: RetentionRule
    /// The directions this type can be registered with.
    public var directions: Set<MailDirection>

    /// The code.
    public var id: String { code }

    /// A document type; `nil` if the code is not a valid code or a deadline is not positive.
    public init?(
        code: String, name: LocalizedText, requiresReply: Bool, deadlineWorkingDays: Int? = 20,
        urgentDeadlineWorkingDays: Int? = 3, retention: RetentionRule,
        directions: Set<MailDirection> = Set(MailDirection.allCases)
    ) {
        guard Self.isValidCode(code), deadlineWorkingDays.map({ $0 > 0 }) ?? true,
            urgentDeadlineWorkingDays.map({ $0 > 0 }) ?? true, !directions.isEmpty
        else { return nil }
        self.code = code
        self.name = name
        self.requiresReply = requiresReply
        self.deadlineWorkingDays = deadlineWorkingDays
        self.urgentDeadlineWorkingDays = urgentDeadlineWorkingDays
        self.retention = retention
        self.directions = directions
    }

    /// The processing deadline in working days for mail of `priority`: the urgent deadline for urgent
    /// mail (or the normal one if the type has no urgent deadline); `nil` if the type has none.
    public func deadlineWorkingDays(for priority: MailPriority) -> Int? {
        switch priority {
        case .normal: deadlineWorkingDays
        case .urgent: urgentDeadlineWorkingDays ?? deadlineWorkingDays
        }
    }

    /// Whether `code` is a valid document type code.
    public static func isValidCode(_ code: String) -> Bool {
        let bytes = code.utf8
        guard let first = bytes.first, bytes.count <= maximumCodeLength,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
        else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}

/// A tenant's document types, looked up by code.
public struct DocumentTypeCatalog: Sendable, Hashable {
    private let types: [String: DocumentType]

    /// A catalogue of `types`; a repeated code keeps the last type.
    public init(_ types: [DocumentType]) {
        self.types = Dictionary(types.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The type with `code`, if any.
    public subscript(code: String) -> DocumentType? {
        types[code]
    }

    /// Every code, sorted.
    public var codes: [String] {
        types.keys.sorted()
    }

    /// The number of types.
    public var count: Int { types.count }
}
