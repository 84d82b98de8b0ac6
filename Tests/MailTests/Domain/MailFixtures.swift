import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

/// Shared values for the mail domain tests.
enum MailFixtures {
    static let tenant = UUID(uuidString: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")!
    static let otherTenant = UUID(uuidString: "0190a1b2-c3d4-7e5f-8a9b-ffffffffffff")!
    static let legalUnit = UUID(uuidString: "00000000-0000-7000-8000-00000000000a")!
    static let financeUnit = UUID(uuidString: "00000000-0000-7000-8000-00000000000b")!
    static let cabinetUnit = UUID(uuidString: "00000000-0000-7000-8000-00000000000c")!

    static let request = DocumentType(
        code: "demande_information", name: LocalizedText(fr: "Demande d'information", ar: "طلب معلومات", en: "Information request"),
        requiresReply: true, retention: RetentionRule(years: 5, finalAction: .destroyAfterApproval)!)!
    static let invitation = DocumentType(
        code: "invitation", name: LocalizedText(fr: "Invitation", ar: "دعوة", en: "Invitation"), requiresReply: false,
        deadlineWorkingDays: nil, urgentDeadlineWorkingDays: nil, retention: RetentionRule(years: 1, finalAction: .destroyAfterApproval)!)!
    static let decree = DocumentType(
        code: "arrete", name: LocalizedText(fr: "Arrêté", ar: "قرار", en: "Order"), requiresReply: false,
        retention: RetentionRule(years: 30, finalAction: .archive)!, directions: [.outgoing])!
    static let catalog = DocumentTypeCatalog([request, invitation, decree])

    static func instant(_ text: String) -> Date {
        guard let date = RFC3339.parse(text) else { preconditionFailure("bad fixture date \(text)") }
        return date
    }

    static func agent(_ name: String, units: Set<UUID> = [], roles: Set<String> = [], tenant: UUID = tenant) -> Principal {
        Principal(subject: "account:\(name)", kind: .agent, tenantID: tenant, roles: roles, units: units)
    }
}
