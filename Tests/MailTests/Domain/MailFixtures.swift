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

extension MailFixtures {
    static let registrar = agent("registrar", roles: ["mail.registrar"])
    static let contact = Correspondent(
        contactID: UUID(uuidString: "00000000-0000-7000-8000-0000000000c1")!, kind: .person, name: "Mohamed El Alami",
        email: "m.alami@example.ma")

    /// A registered item of `direction` (sequence 123 of 2026).
    static func item(
        _ direction: MailDirection = .incoming, type: DocumentType = request, id: UUID = UUID(), tenant: UUID = tenant,
        registeredAt: Date = instant("2026-03-10T10:00:00+01:00")
    ) -> MailItem {
        let number = try! RegistryNumberFormat.standard.number(year: 2026, direction: direction, sequence: 123)
        let registration = Registration(
            direction: direction, subject: "Demande de copie du dossier", correspondent: .contact(contact.contactID), documentType: type)
        return MailItem(
            id: id, tenantID: tenant, number: number, registeredAt: registeredAt, registeredBy: registrar.subject,
            registration: registration, correspondent: direction == .internal ? nil : contact)
    }
}
