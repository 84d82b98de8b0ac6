import GuichetCore
import GuichetNotifications

/// The templates of the appointments service: one email and one SMS per kind of message
/// (`appointment.confirmation` and `appointment.confirmation.sms`…), worded by default with
/// ``MessageTexts`` in French, Arabic and English; tenants may reword them through the kit's
/// template routes. The email's HTML is laid out by the kit (right to left in Arabic).
enum AppointmentTemplates {
    /// Every template.
    static let catalog = TemplateCatalog(AppointmentMessage.Kind.allCases.flatMap { [email($0), sms($0)] })

    /// The name of the template of `kind` for `channel`.
    static func name(_ kind: AppointmentMessage.Kind, channel: AppointmentMessage.Channel) -> String {
        switch channel {
        case .email: "appointment.\(kind.rawValue)"
        case .sms: "appointment.\(kind.rawValue).sms"
        }
    }

    /// The variables a wording of `kind` must use.
    static func required(_ kind: AppointmentMessage.Kind) -> Set<String> {
        switch kind {
        case .verificationCode: ["code"]
        case .waitingListOffer: ["date", "time", "hold"]
        case .confirmation, .reminder, .cancellation, .moved, .rescheduled, .unresolved: ["date", "time", "code"]
        }
    }

    /// The variables a wording of `kind` may use besides.
    static func optional(_ kind: AppointmentMessage.Kind) -> Set<String> {
        let booking: Set<String> = ["service", "site", "address", "phone", "start", "end", "name", "required_documents"]
        switch kind {
        case .verificationCode: return ["expires_at"]
        case .waitingListOffer: return booking.union(["until_date", "until_time"])
        case .confirmation, .reminder, .cancellation, .moved, .rescheduled, .unresolved: return booking
        }
    }

    /// The SMS of `kind`: its text alone.
    static func sms(_ kind: AppointmentMessage.Kind) -> TemplateDefinition {
        TemplateDefinition(
            name: name(kind, channel: .sms), medium: .sms, requiredVariables: required(kind), optionalVariables: optional(kind),
            defaults: Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
                (language, NotificationTemplate(text: text(MessageTexts.bodies[kind], language)))
            }))
    }

    /// The email of `kind`: a subject, and the text between a greeting and the automatic notice,
    /// with the site's address and what the code is for when the message is about a place and time.
    static func email(_ kind: AppointmentMessage.Kind) -> TemplateDefinition {
        let place: Bool
        let code: Bool
        switch kind {
        case .confirmation, .reminder, .moved, .rescheduled: (place, code) = (true, true)
        case .waitingListOffer: (place, code) = (true, false)
        case .verificationCode, .cancellation, .unresolved: (place, code) = (false, false)
        }
        return TemplateDefinition(
            name: name(kind, channel: .email), medium: .email, requiredVariables: required(kind), optionalVariables: optional(kind),
            defaults: Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
                var paragraphs = [MessageTexts.greeting.text(in: language), text(MessageTexts.bodies[kind], language)]
                if place { paragraphs.append(MessageTexts.place.text(in: language)) }
                if code { paragraphs.append(MessageTexts.codeUse.text(in: language)) }
                paragraphs.append(MessageTexts.automatic.text(in: language))
                return (language, NotificationTemplate(
                    subject: text(MessageTexts.subjects[kind], language), text: paragraphs.joined(separator: "\n\n")))
            }))
    }

    private static func text(_ text: LocalizedText?, _ language: Language) -> String {
        guard let text else { preconditionFailure("a kind of message has no default words") }
        return text.text(in: language)
    }
}
