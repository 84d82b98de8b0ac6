import FoundationEssentials
import GuichetCore
import GuichetNotifications
import GuichetPlatform
import GuichetPostgres

/// What the complaints service tells people and other systems when a complaint arrives: an
/// acknowledgement to the citizen (by email when an address was given, else by SMS when a phone
/// number was), in the language they chose, and the `complaint.submitted` event to the tenant's
/// webhook endpoints — all recorded in the submission's own transaction. What the steps of its
/// workflow tell is in `ComplaintNotifications+Steps.swift`.
struct ComplaintNotifications: Sendable {
    let service: ServiceNotifications

    /// The statements to add to the transaction that inserts `record` for `tenant`.
    func recordings(for record: ComplaintRecord, tenant: TenantReference) throws -> [PostgresQuery] {
        let submission = record.submission
        let timeZone = TimeZone.named(tenant.timeZone) ?? .casablanca
        var queries: [PostgresQuery] = []
        let values: [String: String] = [
            "tracking_code": record.trackingCode.displayed,
            "name": submission.contact.name ?? "",
            "subject": submission.subject,
            "category": submission.category,
            "submitted_at": Self.humanDate(record.createdAt, in: timeZone),
        ]
        if let email = submission.contact.email {
            queries.append(try service.recording(
                email: EmailPayload(
                    to: email, name: submission.contact.name, language: submission.language, template: Self.acknowledgement.name,
                    variables: values),
                tenant: tenant.id))
        } else if let phone = submission.contact.phone {
            queries.append(try service.recording(
                sms: SMSPayload(to: phone, language: submission.language, template: Self.acknowledgementSMS.name, variables: values),
                tenant: tenant.id))
        }
        let event = try WebhookEvent(
            type: Self.submitted, tenant: tenant,
            data: SubmittedData(
                id: record.id.lowercaseString, trackingCode: record.trackingCode.displayed, kind: submission.kind.rawValue,
                category: submission.category, status: record.status.rawValue, language: submission.language.rawValue,
                channel: submission.channel.rawValue, hasLocation: submission.location != nil),
            timestamp: record.createdAt)
        queries.append(service.recording(event: event, tenant: tenant))
        return queries
    }

    /// `04/12/2026 20:05` in the tenant's time zone: how people read a date in every language here.
    static func humanDate(_ date: Date, in timeZone: TimeZone) -> String {
        let (day, second) = date.localDateAndTime(in: timeZone)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(day.day))/\(two(day.month))/\(day.year) \(two(second / 3600)):\(two(second / 60 % 60))"
    }

    /// The `data` of `complaint.submitted`: a thin payload, never the citizen's contact details.
    struct SubmittedData: Encodable {
        let id: String
        let trackingCode: String
        let kind: String
        let category: String
        let status: String
        let language: String
        let channel: String
        let hasLocation: Bool
    }

    // MARK: Declarations

    /// The templates of the service: the acknowledgements, and the notices of ``NoticeTemplates``.
    static let templates = TemplateCatalog([acknowledgement, acknowledgementSMS] + NoticeTemplates.all)
    /// The events of the service: a submission, a change of status.
    static let events = WebhookEventCatalog([submitted, statusChanged])

    static let variables: Set<String> = ["name", "subject", "category", "submitted_at"]

    /// The email acknowledging a submission.
    static let acknowledgement = TemplateDefinition(
        name: "complaint.acknowledgement", medium: .email, requiredVariables: ["tracking_code"], optionalVariables: variables,
        defaults: [
            .fr: NotificationTemplate(
                subject: "Votre demande a bien été reçue — {{tracking_code}}",
                text: """
                    Bonjour,

                    Votre demande « {{subject}} » a bien été reçue le {{submitted_at}}.
                    Son code de suivi est : {{tracking_code}}

                    Gardez ce code : il vous permet de suivre son traitement à tout moment.

                    Ce message est envoyé automatiquement, merci de ne pas y répondre.
                    """,
                html: """
                    <p>Bonjour,</p>
                    <p>Votre demande « {{subject}} » a bien été reçue le {{submitted_at}}.</p>
                    <p>Son code de suivi est : <strong style="font-size: 18px; letter-spacing: 1px;">{{tracking_code}}</strong></p>
                    <p>Gardez ce code : il vous permet de suivre son traitement à tout moment.</p>
                    <p style="color: #666; font-size: 13px;">Ce message est envoyé automatiquement, merci de ne pas y répondre.</p>
                    """),
            .ar: NotificationTemplate(
                subject: "تم استلام طلبكم — {{tracking_code}}",
                text: """
                    مرحبًا،

                    تم استلام طلبكم «{{subject}}» بتاريخ {{submitted_at}}.
                    رمز التتبع الخاص به هو: {{tracking_code}}

                    احتفظوا بهذا الرمز: فهو يتيح لكم تتبع معالجة طلبكم في أي وقت.

                    هذه رسالة آلية، يرجى عدم الرد عليها.
                    """,
                html: """
                    <p>مرحبًا،</p>
                    <p>تم استلام طلبكم «{{subject}}» بتاريخ {{submitted_at}}.</p>
                    <p>رمز التتبع الخاص به هو: <strong dir="ltr" style="font-size: 18px; letter-spacing: 1px;">{{tracking_code}}</strong></p>
                    <p>احتفظوا بهذا الرمز: فهو يتيح لكم تتبع معالجة طلبكم في أي وقت.</p>
                    <p style="color: #666; font-size: 13px;">هذه رسالة آلية، يرجى عدم الرد عليها.</p>
                    """),
            .en: NotificationTemplate(
                subject: "Your request has been received — {{tracking_code}}",
                text: """
                    Hello,

                    Your request "{{subject}}" was received on {{submitted_at}}.
                    Its tracking code is: {{tracking_code}}

                    Keep this code: it lets you follow its handling at any time.

                    This message is sent automatically; please do not reply to it.
                    """,
                html: """
                    <p>Hello,</p>
                    <p>Your request "{{subject}}" was received on {{submitted_at}}.</p>
                    <p>Its tracking code is: <strong style="font-size: 18px; letter-spacing: 1px;">{{tracking_code}}</strong></p>
                    <p>Keep this code: it lets you follow its handling at any time.</p>
                    <p style="color: #666; font-size: 13px;">This message is sent automatically; please do not reply to it.</p>
                    """),
        ])

    /// The SMS acknowledging a submission made with a phone number only (one SMS in each language).
    static let acknowledgementSMS = TemplateDefinition(
        name: "complaint.acknowledgement.sms", medium: .sms, requiredVariables: ["tracking_code"], optionalVariables: variables,
        defaults: [
            .fr: NotificationTemplate(text: "Votre demande a bien été reçue. Code de suivi : {{tracking_code}}"),
            .ar: NotificationTemplate(text: "تم استلام طلبكم. رمز التتبع: {{tracking_code}}"),
            .en: NotificationTemplate(text: "Your request has been received. Tracking code: {{tracking_code}}"),
        ])

    /// A complaint, request or suggestion was submitted.
    static let submitted = WebhookEventType(
        name: "complaint.submitted",
        summary: "A complaint, request or suggestion was submitted (never with the citizen's contact details).",
        dataSchema: [
            "type": "object",
            "required": ["id", "tracking_code", "kind", "category", "status", "language", "channel", "has_location"],
            "properties": [
                "id": ["type": "string", "format": "uuid"],
                "tracking_code": ["type": "string", "description": "The citizen's tracking code, as displayed."],
                "kind": ["type": "string", "enum": ["complaint", "request", "suggestion"]],
                "category": ["type": "string", "description": "The category's code."],
                "status": ["type": "string"],
                "language": ["type": "string", "enum": ["fr", "ar", "en"]],
                "channel": ["type": "string", "description": "How it was submitted (web, mobile, phone, desk, open311)."],
                "has_location": ["type": "boolean", "description": "Whether it was placed on the map."],
            ],
        ],
        example: [
            "id": "01a2427a-cce5-712d-b770-8d6efec68b8b", "tracking_code": "7KQ3-M9XD-2TNB-HV0R", "kind": "complaint",
            "category": "roads", "status": "received", "language": "fr", "channel": "web", "has_location": true,
        ])
}
