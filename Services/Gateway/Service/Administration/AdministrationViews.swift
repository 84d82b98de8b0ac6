import FoundationEssentials
import GuichetCore

/// The JSON shapes of the administration and directory APIs (snake_case on the wire).
enum AdministrationViews {
    struct Names: Encodable {
        let fr: String
        let ar: String?
        let en: String?

        init(_ text: LocalizedText) {
            fr = text.fr
            ar = text.ar
            en = text.en
        }
    }

    struct Unit: Encodable {
        let id: String
        let parentId: String?
        let code: String
        let kind: String
        let name: Names
        let version: Int

        init(_ unit: UnitStore.Unit) {
            id = unit.id.lowercaseString
            parentId = unit.parentID?.lowercaseString
            code = unit.code
            kind = unit.kind
            name = Names(unit.name)
            version = unit.version
        }
    }

    struct UnitList: Encodable {
        let units: [Unit]
    }

    struct Account: Encodable {
        let id: String
        let username: String
        let kind: String
        let displayName: String
        let email: String?
        let status: String
        let roles: [String]
        let units: [String]
        let totpEnrolled: Bool
        let lockedUntil: String?
        let createdAt: String
        let version: Int
    }

    struct AccountList: Encodable {
        let accounts: [Account]
    }

    struct Role: Encodable {
        let role: String
        let service: String
        let description: Names
    }

    struct RoleList: Encodable {
        let roles: [Role]
    }

    struct Client: Encodable {
        let id: String
        let clientId: String
        let name: String
        let scopes: [String]
        let status: String
        let tenants: [String]?
        let createdAt: String
        /// Only in the answer that creates the client or rotates its secret: never again.
        let clientSecret: String?
    }

    struct ClientList: Encodable {
        let clients: [Client]
    }
}
