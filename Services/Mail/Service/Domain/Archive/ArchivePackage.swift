import FoundationEssentials
import GuichetCore
import GuichetCrypto

/// The manifest of an archived mail item, in the spirit of SEDA (the French standard for archive
/// exchange): the item's metadata, its documents with SHA-256 fixity values, its audit events, and the
/// retention rule that applies, as canonical JSON (``jsonManifest()``) or XML (``xmlManifest()``).
///
/// Rendering is pure and deterministic: documents are listed by file name then version, events by
/// sequence, JSON members sorted, every text escaped. The XML borrows SEDA 2.1's vocabulary
/// (`ArchiveTransfer`, `BinaryDataObject`, `MessageDigest`, `ArchiveUnit`, `AppraisalRule`, `Event`) but is
/// not claimed valid against its schema.
public struct ArchivePackage: Sendable, Hashable {
    /// The format name written in the JSON manifest.
    public static let format = "guichet.mail.archive.v1"

    /// The package's id.
    public var packageID: UUID
    /// When the package was made.
    public var createdAt: Date
    /// The tenant (the originating agency).
    public var tenantID: UUID
    /// The tenant's name.
    public var tenantName: String
    /// The item archived.
    public var item: MailItem
    /// The document type's name for people (`details.documentType` is its code).
    public var documentTypeName: String
    /// The item's documents, every version.
    public var documents: [ArchivedDocument]
    /// The item's audit records.
    public var events: [AuditRecord]
    /// The retention rule of the document type.
    public var retention: RetentionRule
    /// The day the retention period started (the day the item was closed).
    public var retentionStart: LocalDate

    /// A package from its parts.
    public init(
        packageID: UUID, createdAt: Date, tenantID: UUID, tenantName: String, item: MailItem, documentTypeName: String,
        documents: [ArchivedDocument], events: [AuditRecord], retention: RetentionRule, retentionStart: LocalDate
    ) {
        self.packageID = packageID
        self.createdAt = createdAt
        self.tenantID = tenantID
        self.tenantName = tenantName
        self.item = item
        self.documentTypeName = documentTypeName
        self.documents = documents
        self.events = events
        self.retention = retention
        self.retentionStart = retentionStart
    }

    /// The documents in manifest order: by file name, then version.
    var orderedDocuments: [ArchivedDocument] {
        documents.sorted { ($0.fileName, $0.version, $0.sha256) < ($1.fileName, $1.version, $1.sha256) }
    }

    /// The events in manifest order: by sequence.
    var orderedEvents: [AuditRecord] {
        events.sorted { $0.sequence < $1.sequence }
    }

    /// The manifest as a JSON value (see ``jsonManifest()``).
    public var jsonValue: JSONValue {
        var itemObject: [String: JSONValue] = [
            "id": .string(item.id.lowercaseString), "registry_number": .string(item.number.text),
            "direction": .string(item.direction.rawValue), "registered_at": MailJSON.instant(item.registeredAt),
            "registered_by": .string(item.registeredBy), "status": .string(item.workflow.status.rawValue),
            "document_type_name": .string(documentTypeName),
        ]
        for field in RegisteredField.allCases {
            if let value = item.details.jsonValue(of: field) { itemObject[field.rawValue] = value }
        }
        if let cancellation = item.cancellation {
            itemObject["cancellation"] = [
                "reason": .string(cancellation.reason), "cancelled_by": .string(cancellation.cancelledBy),
                "cancelled_at": MailJSON.instant(cancellation.cancelledAt),
            ]
        }
        return [
            "format": .string(Self.format),
            "package_id": .string(packageID.lowercaseString),
            "created_at": MailJSON.instant(createdAt),
            "tenant": ["id": .string(tenantID.lowercaseString), "name": .string(tenantName)],
            "item": .object(itemObject),
            "documents": .array(orderedDocuments.map { document in
                [
                    "file_name": .string(document.fileName), "media_type": .string(document.mediaType),
                    "byte_count": .number(Double(document.byteCount)), "sha256": .string(document.sha256),
                    "version": .number(Double(document.version)), "added_at": MailJSON.instant(document.addedAt),
                    "path": .string(document.packagePath),
                ]
            }),
            "events": .array(orderedEvents.map { record in
                var event: [String: JSONValue] = [
                    "sequence": .number(Double(record.sequence)), "timestamp": MailJSON.instant(record.timestamp),
                    "actor": .string(record.actor), "type": .string(record.eventType.rawValue), "payload": record.payload,
                    "hash": .string(Hex.encode(record.hash)), "previous_hash": .string(Hex.encode(record.previousHash)),
                ]
                if let itemID = record.itemID { event["item_id"] = .string(itemID.lowercaseString) }
                return .object(event)
            }),
            "retention": [
                "duration": .string(isoDuration), "start": .string(retentionStart.description),
                "end": .string(retention.endDate(startingOn: retentionStart).description),
                "final_action": .string(retention.finalAction.rawValue),
            ],
        ]
    }

    /// The manifest as canonical JSON (``CanonicalJSON``); throws if an event's payload has no canonical
    /// form.
    public func jsonManifest() throws(CanonicalJSON.EncodingError) -> [UInt8] {
        try CanonicalJSON.encode(jsonValue)
    }

    /// The retention period as an ISO 8601 duration (`P5Y`, `P18M`, `P0D`).
    public var isoDuration: String {
        let months = retention.months
        if months == 0 { return "P0D" }
        return months % 12 == 0 ? "P\(months / 12)Y" : "P\(months)M"
    }
}
