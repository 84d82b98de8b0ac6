import FoundationEssentials
import GuichetCore
import GuichetNotifications
import GuichetPlatform
import GuichetPostgres

/// What a workflow step tells people and other systems: each ``ComplaintNotice`` becomes one
/// email (or one SMS when the citizen gave a phone number only) from ``NoticeTemplates``, in the
/// recipient's language; each change of status becomes a `complaint.status_changed` event for the
/// tenant's webhook endpoints. The statements join the step's own transaction (``CaseStore``), so
/// that a step that fails or is rolled back tells nobody anything.
extension ComplaintNotifications {
    /// One message carrying a notice.
    enum NoticeMessage: Sendable, Hashable {
        /// By email.
        case email(EmailPayload)
        /// By SMS.
        case sms(SMSPayload)

        /// The template it is rendered from.
        var template: String {
            switch self {
            case .email(let payload): payload.template
            case .sms(let payload): payload.template
            }
        }
    }

    /// The message carrying `notice`: an email when the recipient gave an address, else an SMS
    /// when they gave a phone number, else none. `redirectedTo` is the competent tenant of a
    /// rejection; dates are written in `timeZone` (the tenant's).
    static func message(for notice: ComplaintNotice, redirectedTo: String?, timeZone: TimeZone) -> NoticeMessage? {
        let recipient = notice.recipient
        let templates = NoticeTemplates.names(for: notice.topic, status: notice.status)
        var values: [String: String] = [
            "tracking_code": recipient.trackingCode,
            "name": recipient.contact.name ?? "",
            "status": notice.status.rawValue,
            "status_name": notice.status.displayName.text(in: recipient.language),
            "reply": notice.reply ?? "",
            "answer_due": notice.answerDue.map { humanDate($0, in: timeZone) } ?? "",
            "redirected_to": "",
        ]
        if notice.status == .rejected, let redirectedTo { values["redirected_to"] = redirectedTo }
        if let email = recipient.contact.email {
            return .email(
                EmailPayload(to: email, name: recipient.contact.name, language: recipient.language, template: templates.email, variables: values))
        }
        if let phone = recipient.contact.phone {
            return .sms(SMSPayload(to: phone, language: recipient.language, template: templates.sms, variables: values))
        }
        return nil
    }

    /// The statements recording what a step over `complaint` (as it was before) told: its
    /// `notices`, and one event per change of status among its `effects`, with `workflow` the state
    /// after the step.
    func recordings(
        notices: [ComplaintNotice], effects: [WorkflowEffect], complaint: CaseRow, workflow: ComplaintWorkflow, at now: Date,
        tenant: TenantReference
    ) throws -> [PostgresQuery] {
        let timeZone = TimeZone.named(tenant.timeZone) ?? .casablanca
        var queries: [PostgresQuery] = []
        queries.reserveCapacity(notices.count + 1)
        for notice in notices {
            switch Self.message(for: notice, redirectedTo: workflow.redirectedTo, timeZone: timeZone) {
            case .email(let payload)?: queries.append(try service.recording(email: payload, tenant: tenant.id))
            case .sms(let payload)?: queries.append(try service.recording(sms: payload, tenant: tenant.id))
            case nil: break
            }
        }
        for case .recordStatusChange(let from, let to) in effects {
            let data = StatusChangedData(
                id: complaint.id.lowercaseString, trackingCode: complaint.trackingCode.displayed, category: complaint.category,
                fromStatus: from.rawValue, toStatus: to.rawValue, mergedInto: to == .merged ? workflow.mergedInto?.lowercaseString : nil,
                redirectedTo: to == .rejected ? workflow.redirectedTo : nil)
            queries.append(service.recording(event: try WebhookEvent(type: Self.statusChanged, tenant: tenant, data: data, timestamp: now), tenant: tenant))
        }
        return queries
    }

    /// The `data` of `complaint.status_changed`: a thin payload, never the citizen's contact
    /// details nor the texts of the complaint and its replies.
    struct StatusChangedData: Encodable {
        let id: String
        let trackingCode: String
        let category: String
        let fromStatus: String
        let toStatus: String
        let mergedInto: String?
        let redirectedTo: String?
    }

    /// A complaint's status changed (an agent's step or a citizen's reopening).
    static let statusChanged = WebhookEventType(
        name: "complaint.status_changed",
        summary: "A complaint's status changed (never with the citizen's contact details nor the texts of the complaint and its replies).",
        dataSchema: [
            "type": "object",
            "required": ["id", "tracking_code", "category", "from_status", "to_status"],
            "properties": [
                "id": ["type": "string", "format": "uuid"],
                "tracking_code": ["type": "string", "description": "The citizen's tracking code, as displayed."],
                "category": ["type": "string", "description": "The category's code."],
                "from_status": ["type": "string", "enum": .array(ComplaintStatus.allCases.map { .string($0.rawValue) })],
                "to_status": ["type": "string", "enum": .array(ComplaintStatus.allCases.map { .string($0.rawValue) })],
                "merged_into": ["type": "string", "format": "uuid", "description": "The complaint it was merged into (to_status merged only)."],
                "redirected_to": [
                    "type": "string", "description": "The slug of the competent tenant the citizen was sent to (to_status rejected only, when given).",
                ],
            ],
        ],
        example: [
            "id": "01a2427a-cce5-712d-b770-8d6efec68b8b", "tracking_code": "7KQ3-M9XD-2TNB-HV0R", "category": "roads",
            "from_status": "in_progress", "to_status": "answered",
        ])
}
