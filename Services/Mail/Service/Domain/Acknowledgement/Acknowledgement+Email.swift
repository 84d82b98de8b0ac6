import FoundationEssentials
import GuichetCore

extension Acknowledgement {
    /// The variables of the acknowledgement email's template (`mail.acknowledgement`). The four facts
    /// the law n° 55-19 requires on a receipt — number, date, responsible unit, due date — are the
    /// required ones: a tenant's rewording cannot leave them out.
    public enum EmailVariable {
        /// The registry number (`2026/A/000123`).
        public static let registryNumber = "registry_number"
        /// When the item was registered, in the tenant's time zone (`10 mars 2026 à 10:05`).
        public static let registeredAt = "registered_at"
        /// The unit responsible for processing.
        public static let responsibleUnit = "responsible_unit"
        /// The due date as a phrase (`au plus tard le 7 avril 2026`), or that there is none.
        public static let dueDate = "due_date"
        /// When the item was received (the date the acknowledgement itself shows).
        public static let receivedAt = "received_at"
        /// The acknowledging administration's name.
        public static let tenantName = "tenant_name"
        /// The item's subject.
        public static let subject = "subject"
        /// The correspondent's name (empty when unknown).
        public static let correspondentName = "correspondent_name"
        /// The stored acknowledgement's plain text, as stored (byte for byte).
        public static let text = "acknowledgement_text"
        /// The SHA-256 of that text (64 hex digits): the reference of the stored acknowledgement.
        public static let textSHA256 = "acknowledgement_sha256"

        /// The variables every wording must use.
        public static let required: Set<String> = [registryNumber, registeredAt, responsibleUnit, dueDate]
        /// The variables a wording may use besides.
        public static let optional: Set<String> = [receivedAt, tenantName, subject, correspondentName, text, textSHA256]
    }

    /// The values the acknowledgement email is written with, for `document` (this acknowledgement
    /// rendered in its language) of an item registered at `registeredAt`. They are fixed when the
    /// acknowledgement is generated and stored with it, so every send says the same.
    public func emailVariables(for document: Document, registeredAt: Date) -> [String: String] {
        let language = document.language
        let words = Wording(language)
        return [
            EmailVariable.registryNumber: registryNumber,
            EmailVariable.registeredAt: MailDateText.dayAndTime(registeredAt, in: timeZone, language: language),
            EmailVariable.responsibleUnit: responsibleUnit.text(in: language),
            EmailVariable.dueDate: dueDate.map { words.dueBy(MailDateText.day($0, in: language)) } ?? words.noDueDate,
            EmailVariable.receivedAt: MailDateText.dayAndTime(receivedAt, in: timeZone, language: language),
            EmailVariable.tenantName: tenantName.text(in: language),
            EmailVariable.subject: subject,
            EmailVariable.correspondentName: correspondentName ?? "",
            EmailVariable.text: document.plainText,
            EmailVariable.textSHA256: document.plainTextSHA256,
        ]
    }
}
