import FoundationEssentials
import GuichetCore
import GuichetCrypto
import GuichetPostgres

/// One line of a list of items (baskets, search): enough to show and open it.
struct ItemSummary: Sendable {
    let id: UUID
    let registryNumber: String
    let direction: String
    let registeredAt: Date
    let subject: String
    let correspondentName: String?
    let documentType: String
    let priority: String
    let confidentiality: String
    let status: String
    let principalUnit: UUID?
    let dueOn: String?
    let receivedAt: Date?

    /// The columns ``init(row:)`` reads, for `SELECT … FROM mail.items i`.
    static let columns = """
        i.id, i.registry_number, i.direction, i.registered_at, i.subject, i.correspondent ->> 'name', i.document_type,
        i.priority, i.confidentiality, i.status, i.principal_unit, i.due_on::text, i.received_at
        """

    init(row: PostgresRow) throws {
        (id, registryNumber, direction, registeredAt, subject, correspondentName, documentType, priority, confidentiality, status,
         principalUnit, dueOn, receivedAt) = try row.decode(
            (UUID, String, String, Date, String, String?, String, String, String, String, UUID?, String?, Date?).self)
    }
}

/// A position in a list ordered by registration instant then id, as an opaque cursor.
struct ItemCursor: Sendable, Hashable {
    let registeredAt: Date
    let id: UUID

    /// The cursor after `summary`.
    init(after summary: ItemSummary) {
        registeredAt = summary.registeredAt
        id = summary.id
    }

    init(registeredAt: Date, id: UUID) {
        self.registeredAt = registeredAt
        self.id = id
    }

    /// `<microseconds>.<id>` in base64url.
    var text: String {
        Base64URL.encode(Array("\(registeredAt.microsecondsSince1970).\(id.lowercaseString)".utf8))
    }

    /// The cursor `text` names, or nil when it is not one.
    init?(_ text: String) {
        guard text.utf8.count <= 96, let bytes = Base64URL.decode(text) else { return nil }
        let decoded = String(decoding: bytes, as: UTF8.self)
        let parts = decoded.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        registeredAt = Date(microsecondsSince1970: micros)
        self.id = id
    }
}
