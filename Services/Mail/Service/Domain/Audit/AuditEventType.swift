/// What an audit record is about. The raw value is stored and hashed; it never changes once written.
public struct AuditEventType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stable name (`registration`).
    public let rawValue: String

    /// An event type named `rawValue`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The name.
    public var description: String { rawValue }

    /// An item was registered (it received its number).
    public static let registration = AuditEventType(rawValue: "registration")
    /// A registered item was amended (old and new values in the payload).
    public static let amendment = AuditEventType(rawValue: "amendment")
    /// A registered item was cancelled (the reason in the payload).
    public static let cancellation = AuditEventType(rawValue: "cancellation")
    /// An item was routed, redirected or copied to more recipients.
    public static let routing = AuditEventType(rawValue: "routing")
    /// An item's processing status or circuits changed.
    public static let processing = AuditEventType(rawValue: "processing")
    /// Someone viewed a confidential item.
    public static let confidentialView = AuditEventType(rawValue: "confidential_view")
    /// A document was downloaded.
    public static let download = AuditEventType(rawValue: "download")
    /// A downloaded document did not match its recorded hash.
    public static let integrityFailure = AuditEventType(rawValue: "integrity_failure")
    /// An acknowledgement of receipt was generated or sent again.
    public static let acknowledgement = AuditEventType(rawValue: "acknowledgement")
    /// Items were exported (registry, archive package).
    public static let export = AuditEventType(rawValue: "export")
    /// An item's documents were purged at the end of their retention.
    public static let purge = AuditEventType(rawValue: "purge")
    /// A purge of an item's documents was approved.
    public static let purgeApproval = AuditEventType(rawValue: "purge_approval")
    /// A document or a new version of one was added (its SHA-256 in the payload).
    public static let documentAdded = AuditEventType(rawValue: "document_added")
    /// A note was added to an item.
    public static let note = AuditEventType(rawValue: "note")
    /// The access list of a confidential item changed.
    public static let accessChanged = AuditEventType(rawValue: "access_changed")
}
