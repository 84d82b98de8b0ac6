import FoundationEssentials
import GuichetCore
import GuichetCrypto

/// The acknowledgement of receipt (récépissé) the law n° 55-19 requires for a request: the registry
/// number, the date of receipt, the unit responsible and the due date, rendered as plain text and simple
/// HTML in French, Arabic (right to left) or English, each with its SHA-256 so that the stored copy can
/// be proved unchanged.
///
/// Rendering is deterministic: the same acknowledgement gives the same bytes, so sending it again
/// reproduces the stored document and never needs a new number.
///
/// ```swift
/// let document = acknowledgement.rendered(in: .ar)
/// document.html            // <html lang="ar" dir="rtl">…
/// document.htmlSHA256      // 64 hex digits
/// ```
public struct Acknowledgement: Sendable, Hashable {
    /// The tenant's name (the administration that acknowledges).
    public var tenantName: LocalizedText
    /// The registry number of the item.
    public var registryNumber: String
    /// When the item was received (or registered).
    public var receivedAt: Date
    /// The tenant's time zone, in which dates are written.
    public var timeZone: TimeZone
    /// The subject of the item.
    public var subject: String
    /// The correspondent's name, if known.
    public var correspondentName: String?
    /// The unit responsible for processing.
    public var responsibleUnit: LocalizedText
    /// The day by which an answer is due, if the document type has a deadline.
    public var dueDate: LocalDate?

    /// An acknowledgement from its parts.
    public init(
        tenantName: LocalizedText, registryNumber: String, receivedAt: Date, timeZone: TimeZone, subject: String,
        correspondentName: String?, responsibleUnit: LocalizedText, dueDate: LocalDate?
    ) {
        self.tenantName = tenantName
        self.registryNumber = registryNumber
        self.receivedAt = receivedAt
        self.timeZone = timeZone
        self.subject = subject
        self.correspondentName = correspondentName
        self.responsibleUnit = responsibleUnit
        self.dueDate = dueDate
    }

    /// The acknowledgement rendered in one language.
    public struct Document: Sendable, Hashable {
        /// The language it is written in.
        public let language: Language
        /// The plain-text version (UTF-8, lines ending with a line feed).
        public let plainText: String
        /// The HTML version (a complete UTF-8 document).
        public let html: String
        /// The SHA-256 of ``plainText``'s UTF-8 bytes, as 64 lowercase hexadecimal digits.
        public var plainTextSHA256: String { SHA256.hexHash(plainText) }
        /// The SHA-256 of ``html``'s UTF-8 bytes, as 64 lowercase hexadecimal digits.
        public var htmlSHA256: String { SHA256.hexHash(html) }
    }

    /// The acknowledgement in `language`.
    public func rendered(in language: Language) -> Document {
        let words = Wording(language)
        var rows: [(label: String, value: String, isolated: Bool)] = [
            (words.number, registryNumber, true),
            (words.receivedOn, MailDateText.dayAndTime(receivedAt, in: timeZone, language: language), false),
            (words.subject, subject, false),
        ]
        if let correspondentName { rows.append((words.sender, correspondentName, false)) }
        rows.append((words.unit, responsibleUnit.text(in: language), false))
        if let dueDate { rows.append((words.dueDate, words.dueBy(MailDateText.day(dueDate, in: language)), false)) }
        let tenant = tenantName.text(in: language)

        // In right-to-left text, the registry number is isolated as left-to-right so its parts keep their order.
        var text = "\(tenant)\n\(words.title)\n\n"
        for row in rows {
            let value = row.isolated && language.isRightToLeft ? "\u{2066}\(row.value)\u{2069}" : row.value
            text += "\(row.label)\(words.colon)\(value)\n"
        }
        text += "\n\(words.legalNotice)\n"

        let direction = language.isRightToLeft ? "rtl" : "ltr"
        var html = "<!DOCTYPE html>\n<html lang=\"\(language.tag)\" dir=\"\(direction)\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<title>\(Markup.escape(words.title)) \(Markup.escape(registryNumber))</title>\n</head>\n<body>\n"
        html += "<h1>\(Markup.escape(tenant))</h1>\n<h2>\(Markup.escape(words.title))</h2>\n<dl>\n"
        for row in rows {
            let value = row.isolated ? "<bdi dir=\"ltr\">\(Markup.escape(row.value))</bdi>" : Markup.escape(row.value)
            html += "<dt>\(Markup.escape(row.label))</dt><dd>\(value)</dd>\n"
        }
        html += "</dl>\n<p>\(Markup.escape(words.legalNotice))</p>\n</body>\n</html>\n"
        return Document(language: language, plainText: text, html: html)
    }

    /// The fixed words of the acknowledgement in one language.
    struct Wording {
        let title: String
        let number: String
        let receivedOn: String
        let subject: String
        let sender: String
        let unit: String
        let dueDate: String
        let colon: String
        let legalNotice: String
        let noDueDate: String
        let dueBy: (String) -> String

        init(_ language: Language) {
            switch language {
            case .fr:
                title = "Accusé de réception"
                number = "N° d'enregistrement"
                receivedOn = "Reçu le"
                subject = "Objet"
                sender = "Expéditeur"
                unit = "Service chargé du traitement"
                dueDate = "Délai de réponse"
                colon = " : "
                legalNotice = "Ce récépissé est délivré conformément à la loi n° 55-19 relative à la simplification des procédures et formalités administratives. Rappelez le numéro d'enregistrement dans toute correspondance."
                noDueDate = "sans délai de réponse fixé"
                dueBy = { "au plus tard le \($0)" }
            case .ar:
                title = "وصل الاستلام"
                number = "رقم التسجيل"
                receivedOn = "تاريخ التوصل"
                subject = "الموضوع"
                sender = "المرسل"
                unit = "المصلحة المكلفة بالمعالجة"
                dueDate = "أجل الرد"
                colon = ": "
                legalNotice = "سُلِّم هذا الوصل طبقًا للقانون رقم 55.19 المتعلق بتبسيط المساطر والإجراءات الإدارية. يرجى ذكر رقم التسجيل في كل مراسلة."
                noDueDate = "بدون أجل محدد للرد"
                dueBy = { "في أجل أقصاه \($0)" }
            case .en:
                title = "Acknowledgement of receipt"
                number = "Registry number"
                receivedOn = "Received on"
                subject = "Subject"
                sender = "Sender"
                unit = "Unit responsible"
                dueDate = "Reply due"
                colon = ": "
                legalNotice = "This acknowledgement is issued under Law No. 55-19 on the simplification of administrative procedures and formalities. Quote the registry number in any correspondence."
                noDueDate = "no reply deadline set"
                dueBy = { "by \($0)" }
            }
        }
    }
}
