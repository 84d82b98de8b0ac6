import FoundationEssentials
import GuichetCore

/// Whether a correspondent is a person or an organisation.
public enum ContactKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A natural person.
    case person
    /// An administration, a company, an association.
    case organisation
}

/// Who sent or receives a piece of mail, as registered: a snapshot of the directory's contact at
/// registration (later edits of the contact do not change a registered item).
public struct Correspondent: Sendable, Hashable {
    /// The contact in the tenant's directory.
    public var contactID: UUID
    /// Person or organisation.
    public var kind: ContactKind
    /// The name as registered.
    public var name: String
    /// The email address, when known (acknowledgements are sent to it).
    public var email: String?

    /// A snapshot from its parts.
    public init(contactID: UUID, kind: ContactKind, name: String, email: String? = nil) {
        self.contactID = contactID
        self.kind = kind
        self.name = name
        self.email = email
    }
}

/// A new correspondent described at registration, to be created in the directory unless a duplicate
/// exists.
public struct CorrespondentDetails: Sendable, Hashable {
    /// Person or organisation.
    public var kind: ContactKind
    /// The name, cleaned.
    public var name: String
    /// The email address, if given.
    public var email: EmailAddress?

    /// Details from their parts.
    public init(kind: ContactKind, name: String, email: EmailAddress? = nil) {
        self.kind = kind
        self.name = name
        self.email = email
    }

    /// Keys under which the directory looks for an existing contact before creating one: the email in
    /// lower case (`email:…`) and the name normalised for search with its kind (`name:person:…`). Two
    /// descriptions sharing a key are the same correspondent.
    ///
    /// `Mohamed  EL-ALAMI` and `mohamed el alami` share `name:person:mohamed el alami`.
    public var deduplicationKeys: [String] {
        var keys: [String] = []
        if let email { keys.append("email:" + email.lowercased) }
        let words = SearchNormalizer.normalize(name).split { !$0.isLetter && !$0.isNumber }
        if !words.isEmpty { keys.append("name:\(kind.rawValue):" + words.joined(separator: " ")) }
        return keys
    }
}

/// The correspondent of a registration: an existing contact, or a new one to add to the directory.
public enum CorrespondentReference: Sendable, Hashable {
    /// A contact already in the directory.
    case contact(UUID)
    /// A contact described in the request.
    case new(CorrespondentDetails)
}

/// The correspondent as a request sends it (`{"id": …}` or `{"kind": …, "name": …, "email": …}`),
/// before validation.
public struct CorrespondentInput: Sendable, Hashable {
    /// An existing contact's id.
    public var id: String?
    /// `person` or `organisation` (default `person`).
    public var kind: String?
    /// The name of a new contact.
    public var name: String?
    /// The email address of a new contact.
    public var email: String?

    /// An input from its parts.
    public init(id: String? = nil, kind: String? = nil, name: String? = nil, email: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.email = email
    }
}
