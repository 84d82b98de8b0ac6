/// How many files a complaint may carry and how large each may be. The bytes are stored in
/// PostgreSQL (`bytea`, see the attachments migration), so these bounds also bound the rows.
public struct AttachmentPolicy: Sendable, Hashable {
    /// The largest file accepted, in bytes (default 4 MiB).
    public var maximumBytes: Int
    /// The most files per complaint (default 5).
    public var maximumCount: Int

    /// A policy; traps unless both bounds are positive.
    public init(maximumBytes: Int = 4 << 20, maximumCount: Int = 5) {
        precondition(maximumBytes > 0 && maximumCount > 0, "Attachment bounds must be positive")
        self.maximumBytes = maximumBytes
        self.maximumCount = maximumCount
    }

    /// Why a file is refused.
    public enum Refusal: Error, Sendable, Hashable {
        /// It is empty.
        case empty
        /// It is larger than ``AttachmentPolicy/maximumBytes``.
        case tooLarge
        /// Its bytes are none of the accepted types.
        case unsupportedType
        /// The declared `Content-Type` names another type than the bytes are.
        case mismatchedType(declared: String, actual: AttachmentType)
    }

    /// The type of `bytes` if the file is acceptable (size and type), with the declared
    /// `Content-Type` checked against it.
    public func check(_ bytes: [UInt8], declaredType: String?) throws(Refusal) -> AttachmentType {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maximumBytes else { throw .tooLarge }
        guard let type = AttachmentType(sniffing: bytes) else { throw .unsupportedType }
        guard type.agrees(withDeclared: declaredType) else { throw .mismatchedType(declared: declaredType ?? "", actual: type) }
        return type
    }
}
