import FoundationEssentials
import GuichetCore

/// A correction of a registered item, recorded as an event with each field's old and new value; the
/// registered values stay in the registry.
public struct Amendment: Sendable, Hashable {
    /// One field's change.
    public struct FieldChange: Sendable, Hashable {
        /// The field.
        public let field: RegisteredField
        /// Its value before, as JSON.
        public let oldValue: JSONValue
        /// Its value after, as JSON.
        public let newValue: JSONValue
    }

    /// The fields changed, in the order given.
    public let changes: [FieldChange]
    /// Why (required).
    public let reason: String
    /// Who amended (a principal's subject).
    public let amendedBy: String
    /// When.
    public let amendedAt: Date

    /// The audit payload: `reason` and `changes` (`field`, `old`, `new`).
    public var auditPayload: JSONValue {
        .object([
            "reason": .string(reason),
            "changes": .array(changes.map { change in
                .object(["field": .string(change.field.rawValue), "old": change.oldValue, "new": change.newValue])
            }),
        ])
    }
}

/// The cancellation of a registered item: it keeps its number and stays in the registry with the reason.
public struct Cancellation: Sendable, Hashable, Codable {
    /// Why (required).
    public let reason: String
    /// Who cancelled (a principal's subject).
    public let cancelledBy: String
    /// When.
    public let cancelledAt: Date

    /// A cancellation from its parts.
    public init(reason: String, cancelledBy: String, cancelledAt: Date) {
        self.reason = reason
        self.cancelledBy = cancelledBy
        self.cancelledAt = cancelledAt
    }

    /// The audit payload: `reason`.
    public var auditPayload: JSONValue {
        .object(["reason": .string(reason)])
    }
}
