import FoundationEssentials
import GuichetCore

/// A unit of a tenant's organisation, as the gateway's directory describes it.
public struct DirectoryUnit: Sendable, Hashable, Decodable {
    /// The unit's id (what agents' `units` and services' routing name).
    public let id: UUID
    /// The unit above it, nil at the top.
    public let parentID: UUID?
    /// A short code, unique in the tenant (`dp-rabat`).
    public let code: String
    /// What kind of unit it is (`directorate`, `academy`, `office`…).
    public let kind: String
    /// Its names in French, Arabic and English.
    public let name: LocalizedText

    /// A unit from its parts.
    public init(id: UUID, parentID: UUID?, code: String, kind: String, name: LocalizedText) {
        self.id = id
        self.parentID = parentID
        self.code = code
        self.kind = kind
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case id, code, kind, name
        case parentID = "parentId"
    }
}

/// An active agent of a tenant, as the gateway's directory describes them.
public struct DirectoryAgent: Sendable, Hashable, Decodable {
    /// The agent's account id (their subject is `account:<id>`).
    public let id: UUID
    /// The name to show.
    public let displayName: String
    /// Their work email address, if recorded.
    public let email: String?
    /// Their roles (`GuichetCore.Roles`).
    public let roles: Set<String>
    /// The units they belong to.
    public let units: Set<UUID>

    /// An agent from its parts.
    public init(id: UUID, displayName: String, email: String?, roles: Set<String>, units: Set<UUID>) {
        self.id = id
        self.displayName = displayName
        self.email = email
        self.roles = roles
        self.units = units
    }
}

/// Why the directory could not answer.
public enum DirectoryError: Error, Sendable, Equatable {
    /// The gateway could not be reached or answered badly.
    case unavailable(String)
    /// The gateway refused the credential (401, 403 or 404 on the tenant).
    case refused(status: Int)
    /// No credential: no context token to forward and no client configured.
    case noCredential
}
