public import FoundationEssentials
import GuichetCrypto

/// Where a page of an agent's list ends: the reception instant (in microseconds since 1970, the
/// database's own precision, so no row is skipped or repeated) and the id of the last complaint.
/// Lists are ordered newest first, then by id; the next page starts strictly after the cursor.
///
/// Clients treat it as opaque text (`next_cursor`), base64url of `<microseconds>.<uuid>`.
public struct CaseCursor: Sendable, Hashable {
    /// The last row's reception instant, in microseconds since 1970-01-01 UTC.
    public var microseconds: Int64
    /// The last row's id.
    public var id: UUID

    /// A cursor from its parts.
    public init(microseconds: Int64, id: UUID) {
        self.microseconds = microseconds
        self.id = id
    }

    /// The opaque text form.
    public var encoded: String {
        Base64URL.encode(Array("\(microseconds).\(id.lowercaseString)".utf8))
    }

    /// The cursor in `text`, or `nil` when it is not one this service made.
    public init?(encoded text: String) {
        guard text.utf8.count <= 96, let bytes = Base64URL.decode(text) else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ".", maxSplits: 1)
        guard parts.count == 2, parts[0].utf8.count <= 20, let microseconds = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            return nil
        }
        self.init(microseconds: microseconds, id: id)
    }
}
