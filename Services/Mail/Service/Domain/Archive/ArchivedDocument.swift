import FoundationEssentials
import GuichetCore

/// One stored document (a scan, an attachment, a version of either) as an archive package lists it, with
/// its SHA-256 fixity value.
public struct ArchivedDocument: Sendable, Hashable {
    /// The file name as uploaded.
    public let fileName: String
    /// The media type (`application/pdf`).
    public let mediaType: String
    /// The size in bytes.
    public let byteCount: Int
    /// The SHA-256 of the content, 64 lowercase hexadecimal digits (also its storage address).
    public let sha256: String
    /// The version of the document, from 1.
    public let version: Int
    /// When this version was added.
    public let addedAt: Date

    /// A document; `nil` if the digest is not 64 lowercase hexadecimal digits, the size is negative or
    /// the version below 1.
    public init?(fileName: String, mediaType: String, byteCount: Int, sha256: String, version: Int, addedAt: Date) {
        let isDigest = sha256.utf8.count == 64
            && sha256.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        guard isDigest, byteCount >= 0, version >= 1 else { return nil }
        self.fileName = fileName
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.sha256 = sha256
        self.version = version
        self.addedAt = addedAt
    }

    /// Where the content sits in the package: `content/<sha256>`.
    public var packagePath: String { "content/" + sha256 }
}
