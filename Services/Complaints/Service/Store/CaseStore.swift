import FoundationEssentials
import GuichetCore
import GuichetPostgres

/// The SQL of one complaint's life after submission: reading it whole, applying a workflow step
/// (agent or citizen) under optimistic concurrency — with what the step tells citizens and other
/// systems recorded in the outbox in the same transaction —, internal notes, the audited read of
/// contact data, and duplicate suggestions.
struct CaseStore: Sendable {
    let database: PostgresPool
    /// What steps tell people (notices) and other systems (events).
    let notifications: ComplaintNotifications

    /// How a complaint is named: by id (agents, GeoReport) or by tracking code (citizens).
    enum Key: Sendable {
        case id(UUID)
        case trackingCode(TrackingCode)
    }

    /// Why a step was refused (besides workflow errors and the caller's own checks).
    enum Refusal: Error, Equatable {
        /// No such complaint in the tenant.
        case notFound
        /// `If-Match` named another version.
        case versionMismatch
        /// The complaint to merge into is not one of the tenant's.
        case mergeTargetNotFound
    }

    /// Who did something.
    enum Author: Sendable {
        case citizen(String?)
        case agent(String)
        case service(String)
        case system

        var kind: String {
            switch self {
            case .citizen: "citizen"
            case .agent: "agent"
            case .service: "service"
            case .system: "system"
            }
        }

        var subject: String? {
            switch self {
            case .citizen(let subject): subject
            case .agent(let subject), .service(let subject): subject
            case .system: nil
            }
        }
    }

    /// What a step did.
    struct StepResult: Sendable {
        /// The complaint before the step.
        let before: CaseRow
        /// Its workflow after.
        let workflow: ComplaintWorkflow
        /// Its new version.
        let version: Int
        /// What the step asked for.
        let effects: [WorkflowEffect]
        /// What its citizens (and the citizens of duplicates merged into it) are to be told.
        let notices: [ComplaintNotice]
        /// The answer deadline after the step.
        let answerDue: Date?
    }

    // MARK: Reading

    /// The complaint, whole (no contact data).
    func row(_ key: Key, tenant: UUID) async throws -> CaseRow? {
        let rows = try await database.query(Self.selection(key, tenant: tenant, lock: false), tenant: tenant)
        return try rows.first.map(CaseRow.init)
    }

    static func selection(_ key: Key, tenant: UUID, lock: Bool, contact: Bool = false) -> PostgresQuery {
        let extra = contact ? ", c.contact_name, c.contact_email, c.contact_phone" : ""
        let suffix = lock ? " FOR UPDATE" : ""
        switch key {
        case .id(let id):
            return """
                SELECT \(unsafeRaw: CaseRow.columns)\(unsafeRaw: extra) FROM complaints.complaints c
                WHERE c.tenant_id = \(tenant) AND c.id = \(id)\(unsafeRaw: suffix)
                """
        case .trackingCode(let code):
            return """
                SELECT \(unsafeRaw: CaseRow.columns)\(unsafeRaw: extra) FROM complaints.complaints c
                WHERE c.tenant_id = \(tenant) AND c.tracking_code = \(code.canonical)\(unsafeRaw: suffix)
                """
        }
    }

    // MARK: Workflow steps

    /// Applies one step to a complaint in one transaction: locks its row, lets `authorize` refuse,
    /// checks `condition`, builds the event (a merge's target is locked and checked in the tenant),
    /// applies it under `rules`, then writes the new state (version + 1), its history, and in the
    /// outbox the messages to its citizens (and to the citizens of the complaints merged into it)
    /// and the events for the tenant's webhooks. A refused step records none of it.
    /// `policy` gives a category's deadlines (for a restarted answer deadline).
    func step(
        _ key: Key, tenant reference: TenantReference, condition: EntityTag.Condition?, author: Author, at now: Date, rules: WorkflowRules,
        policy: @Sendable (String) -> DeadlinePolicy, mergeInto: UUID? = nil,
        authorize: @Sendable (CaseRow) throws -> Void, event makeEvent: @Sendable (CaseRow, MergeTarget?) throws -> WorkflowEvent
    ) async throws -> StepResult {
        let tenant = reference.id
        return try await database.transaction(tenant: tenant, retryable: true) { transaction in
            let selected = try await transaction.query(Self.selection(key, tenant: tenant, lock: true, contact: true))
            guard let first = selected.first else { throw Refusal.notFound }
            let row = try CaseRow(first)
            // An anonymised complaint keeps no contact; should a column survive, it is still not used.
            let contact = row.anonymisedAt == nil ? Self.contact(from: first) : ContactDetails.none
            try authorize(row)
            if let condition, !condition.matches(row.version) { throw Refusal.versionMismatch }
            var target: MergeTarget?
            if let mergeInto {
                let rows = try await transaction.query(
                    """
                    SELECT id, status FROM complaints.complaints
                    WHERE tenant_id = \(tenant) AND id = \(mergeInto) FOR UPDATE
                    """)
                guard let found = rows.first else { throw Refusal.mergeTargetNotFound }
                let (id, status) = try found.decode((UUID, String).self)
                target = MergeTarget(id: id, status: ComplaintStatus(rawValue: status) ?? .received)
            }
            let event = try makeEvent(row, target)
            var workflow = row.workflow
            let effects = try workflow.apply(event, at: now, rules: rules)

            var answerDue = row.answerDue
            var alertAt = row.answerAlertAt
            for case .restartAnswerDeadline(let start) in effects {
                if let deadline = try? policy(row.category).answerDeadline(from: start, calendar: rules.calendar) {
                    answerDue = deadline.due
                    alertAt = deadline.alertAt
                }
            }
            var queries = [Self.update(row, to: workflow, answerDue: answerDue, alertAt: alertAt, tenant: tenant)]
            queries += Self.history(of: effects, complaint: row.id, author: author, at: now, tenant: tenant)
            if let target, workflow.mergedInto == target.id {
                queries.append(
                    Self.event(
                        "duplicate_merged", complaint: target.id, public: false, author: author, body: nil,
                        data: ["duplicate": .string(row.id.lowercaseString)], at: now, tenant: tenant))
            }

            var notices: [ComplaintNotice] = []
            if effects.contains(where: { if case .notifyCitizen = $0 { true } else { false } }) {
                let recipient = ComplaintNotice.Recipient(
                    complaintID: row.id, trackingCode: row.trackingCode.displayed, language: row.language, contact: contact)
                let followers = try await Self.followers(of: row.id, transaction: transaction, tenant: tenant)
                notices = ComplaintNotice.notices(
                    for: effects, complaint: recipient, status: workflow.status, answerDue: answerDue, followers: followers)
            }
            queries += try notifications.recordings(
                notices: notices, effects: effects, complaint: row, workflow: workflow, at: now, tenant: reference)

            // The UPDATE comes first: when it finds another version the transaction is rolled
            // back, and the messages recorded after it with it.
            let results = try await transaction.execute(queries)
            guard let version = try results[0].first?.decode(Int.self) else { throw Refusal.versionMismatch }
            return StepResult(before: row, workflow: workflow, version: version, effects: effects, notices: notices, answerDue: answerDue)
        }
    }

    /// The contact columns of a row selected with `contact: true` (for notices only, never shown).
    private static func contact(from row: PostgresRow) -> ContactDetails {
        let name = try? row["contact_name"].decode(String?.self)
        let email = (try? row["contact_email"].decode(String?.self))?.flatMap { EmailAddress($0) }
        let phone = (try? row["contact_phone"].decode(String?.self))?.flatMap { PhoneNumber($0) }
        return ContactDetails(name: name ?? nil, email: email, phone: phone)
    }

    /// The citizens of the complaints merged into `complaint` — directly, or into a complaint
    /// merged into it in turn — with a way to reach them (anonymised ones have none).
    private static func followers(of complaint: UUID, transaction: PostgresTransaction, tenant: UUID) async throws -> [ComplaintNotice.Recipient] {
        let rows = try await transaction.query(
            """
            WITH RECURSIVE merged (id) AS (
                SELECT id FROM complaints.complaints WHERE tenant_id = \(tenant) AND merged_into = \(complaint)
                UNION
                SELECT c.id FROM complaints.complaints c JOIN merged m ON c.tenant_id = \(tenant) AND c.merged_into = m.id
            )
            SELECT c.id, c.tracking_code, c.language, c.contact_name, c.contact_email, c.contact_phone
            FROM complaints.complaints c JOIN merged m ON c.tenant_id = \(tenant) AND c.id = m.id
            WHERE c.anonymised_at IS NULL AND (c.contact_email IS NOT NULL OR c.contact_phone IS NOT NULL)
            ORDER BY c.id
            """)
        return try rows.compactMap { row in
            let (id, code, language, name, email, phone) = try row.decode((UUID, String, String, String?, String?, String?).self)
            guard let trackingCode = TrackingCode(code) else { return nil }
            return ComplaintNotice.Recipient(
                complaintID: id, trackingCode: trackingCode.displayed, language: Language(rawValue: language) ?? .default,
                contact: ContactDetails(name: name, email: email.flatMap { EmailAddress($0) }, phone: phone.flatMap { PhoneNumber($0) }))
        }
    }

    /// The UPDATE writing `workflow` over `row` (version + 1 only if still at `row.version`).
    private static func update(_ row: CaseRow, to workflow: ComplaintWorkflow, answerDue: Date?, alertAt: Date?, tenant: UUID) -> PostgresQuery {
        let satisfaction = workflow.satisfaction
        let routedBy = workflow.assignedUnit != row.assignedUnit || workflow.assignedAgent != row.assignedAgent ? "manual" : row.routedBy
        return """
            UPDATE complaints.complaints SET
                status = \(workflow.status.rawValue), acknowledged_at = \(workflow.acknowledgedAt),
                assigned_unit = \(workflow.assignedUnit), assigned_agent = \(workflow.assignedAgent), routed_by = \(routedBy),
                first_answered_at = \(workflow.firstAnsweredAt), answered_at = \(workflow.answeredAt),
                rejected_at = \(workflow.rejectedAt), closed_at = \(workflow.closedAt), reopened_at = \(workflow.reopenedAt),
                reopen_count = \(workflow.reopenCount), has_public_answer = \(workflow.hasPublicAnswer),
                awaiting_information = \(workflow.isAwaitingInformation), redirected_to = \(workflow.redirectedTo),
                merged_into = \(workflow.mergedInto), satisfied = \(satisfaction?.satisfied),
                satisfaction_comment = \(satisfaction?.comment), rated_at = \(satisfaction?.ratedAt),
                answer_due = \(answerDue), answer_alert_at = \(alertAt), updated_at = \(workflow.updatedAt),
                version = version + 1
            WHERE tenant_id = \(tenant) AND id = \(row.id) AND version = \(row.version)
            RETURNING version
            """
    }

    /// The history entries of a step's effects.
    private static func history(of effects: [WorkflowEffect], complaint: UUID, author: Author, at now: Date, tenant: UUID) -> [PostgresQuery] {
        var queries: [PostgresQuery] = []
        for effect in effects {
            switch effect {
            case .recordStatusChange(let from, let to):
                queries.append(
                    event("status_changed", complaint: complaint, public: true, author: author, body: nil, from: from, to: to, at: now, tenant: tenant))
            case .publishReply(let text):
                queries.append(event("public_reply", complaint: complaint, public: true, author: author, body: text, at: now, tenant: tenant))
            case .recordCitizenMessage(let text):
                queries.append(event("citizen_message", complaint: complaint, public: true, author: author, body: text, at: now, tenant: tenant))
            case .notifyUnit(let unit):
                queries.append(
                    event("assigned", complaint: complaint, public: false, author: author, body: nil, data: ["unit": .string(unit.lowercaseString)],
                          at: now, tenant: tenant))
            case .notifyAgent(let agent):
                queries.append(
                    event("assigned", complaint: complaint, public: false, author: author, body: nil, data: ["agent": .string(agent.lowercaseString)],
                          at: now, tenant: tenant))
            case .alertSupervisor(let alert):
                let reason = alert == .reopened ? "reopened" : "dissatisfied"
                queries.append(
                    event("supervisor_alert", complaint: complaint, public: false, author: .system, body: nil, data: ["reason": .string(reason)],
                          at: now, tenant: tenant))
            case .linkDuplicate(let target):
                queries.append(
                    event("merged", complaint: complaint, public: true, author: author, body: nil, data: ["into": .string(target.lowercaseString)],
                          at: now, tenant: tenant))
            case .recordSatisfaction(let rating):
                queries.append(
                    event("rated", complaint: complaint, public: true, author: author, body: rating.comment,
                          data: ["satisfied": .bool(rating.satisfied)], at: now, tenant: tenant))
            case .notifyCitizen, .restartAnswerDeadline:
                break
            }
        }
        return queries
    }

    /// One history entry.
    static func event(
        _ kind: String, complaint: UUID, public isPublic: Bool, author: Author, body: String?, from: ComplaintStatus? = nil,
        to: ComplaintStatus? = nil, data: [String: JSONValue]? = nil, at now: Date, tenant: UUID
    ) -> PostgresQuery {
        """
        INSERT INTO complaints.complaint_events (
            tenant_id, complaint_id, id, kind, public, author_kind, author, body, from_status, to_status, data, created_at)
        VALUES (
            \(tenant), \(complaint), \(UUID.timeOrdered()), \(kind), \(isPublic), \(author.kind), \(author.subject), \(body),
            \(from?.rawValue), \(to?.rawValue), \(data.map { PostgresJSON($0) }), \(now))
        """
    }

    // MARK: Notes, contact, duplicates

    /// Adds an internal note (never shown to citizens) and returns its id; a complaint that does not
    /// exist fails the insert's foreign key.
    func addNote(_ text: String, to complaint: UUID, author: String, at now: Date, tenant: UUID) async throws -> UUID {
        let id = UUID.timeOrdered()
        _ = try await database.query(
            """
            INSERT INTO complaints.complaint_events (
                tenant_id, complaint_id, id, kind, public, author_kind, author, body, created_at)
            VALUES (\(tenant), \(complaint), \(id), 'internal_note', false, 'agent', \(author), \(text), \(now))
            """,
            tenant: tenant)
        return id
    }

    /// The contact data of a complaint, read and audited in one transaction (the audit row is
    /// written whatever the read finds, so that a probe leaves a trace too).
    func readContact(
        of complaint: UUID, reader: String, readerKind: String, purpose: String, requestID: String, tenant: UUID
    ) async throws -> ContactDetails? {
        let results = try await database.transaction(
            [
                """
                INSERT INTO complaints.contact_reads (tenant_id, id, complaint_id, reader, reader_kind, purpose, request_id)
                VALUES (\(tenant), \(UUID.timeOrdered()), \(complaint), \(reader), \(readerKind), \(purpose), \(requestID))
                """,
                """
                SELECT contact_name, contact_email, contact_phone FROM complaints.complaints
                WHERE tenant_id = \(tenant) AND id = \(complaint)
                """,
            ],
            tenant: tenant)
        guard let row = results[1].first else { return nil }
        let (name, email, phone) = try row.decode((String?, String?, String?).self)
        return ContactDetails(name: name, email: email.flatMap { EmailAddress($0) }, phone: phone.flatMap { PhoneNumber($0) })
    }

    /// What an agent's view of `row` shows besides the row, in one round trip: its whole history,
    /// its attachments, and the open complaints of its category within `radius` metres of it
    /// (the duplicate candidates; none when it has no location or is finished).
    func surroundings(of row: CaseRow, radius: Double, tenant: UUID) async throws
        -> (timeline: [TimelineEntry], attachments: [AttachmentStore.Metadata], candidates: [DuplicateFinder.Candidate])
    {
        var queries: [PostgresQuery] = [
            """
            SELECT id, kind, public, author_kind, author, body, from_status, to_status, data, created_at
            FROM complaints.complaint_events WHERE tenant_id = \(tenant) AND complaint_id = \(row.id) ORDER BY created_at, id
            """,
            """
            SELECT \(unsafeRaw: AttachmentStore.columns) FROM complaints.attachments
            WHERE tenant_id = \(tenant) AND complaint_id = \(row.id) ORDER BY created_at, id
            """,
        ]
        if let location = row.location, !row.status.isTerminal {
            queries.append(Self.duplicateQuery(of: row, at: location, radius: radius, tenant: tenant))
        }
        let results = try await database.transaction(queries, tenant: tenant, isolation: .repeatableRead)
        let candidates = results.count > 2 ? try Self.candidates(results[2], category: row.category) : []
        return (try results[0].map(TimelineEntry.init), try results[1].map(AttachmentStore.metadata(_:)), candidates)
    }

    /// One audited read of contact data.
    struct ContactRead: Sendable {
        let id: UUID
        let complaint: UUID
        let reader: String
        let readerKind: String
        let purpose: String
        let requestID: String?
        let readAt: Date
    }

    /// The audit of contact reads (of one complaint, or all), newest first.
    func contactReads(of complaint: UUID?, limit: Int, tenant: UUID) async throws -> [ContactRead] {
        let rows = try await database.query(
            """
            SELECT id, complaint_id, reader, reader_kind, purpose, request_id, read_at FROM complaints.contact_reads
            WHERE tenant_id = \(tenant) AND (\(complaint)::uuid IS NULL OR complaint_id = \(complaint))
            ORDER BY read_at DESC, id DESC LIMIT \(limit)
            """,
            tenant: tenant)
        return try rows.map { row in
            let (id, complaint, reader, kind, purpose, requestID, readAt) = try row.decode((UUID, UUID, String, String, String, String?, Date).self)
            return ContactRead(id: id, complaint: complaint, reader: reader, readerKind: kind, purpose: purpose, requestID: requestID, readAt: readAt)
        }
    }

    /// Open complaints of the same category within `radius` metres of `location` (the spatial
    /// index narrows them with `ST_DWithin`; the domain's finder orders them).
    static func duplicateQuery(of row: CaseRow, at location: GeoPoint, radius: Double, tenant: UUID) -> PostgresQuery {
        """
        SELECT c.id, public.ST_Y(c.location::public.geometry), public.ST_X(c.location::public.geometry), c.status, c.created_at
        FROM complaints.complaints c
        WHERE c.tenant_id = \(tenant) AND c.category_code = \(row.category) AND c.id <> \(row.id)
          AND c.status NOT IN ('closed', 'rejected', 'merged')
          AND public.ST_DWithin(
                c.location,
                public.ST_SetSRID(public.ST_MakePoint(\(location.longitude)::float8, \(location.latitude)::float8), 4326)::public.geography,
                \(radius)::float8)
        LIMIT 200
        """
    }

    static func candidates(_ rows: PostgresRows, category: String) throws -> [DuplicateFinder.Candidate] {
        try rows.compactMap { result in
            let (id, latitude, longitude, status, createdAt) = try result.decode((UUID, Double, Double, String, Date).self)
            guard let point = GeoPoint(latitude: latitude, longitude: longitude), let status = ComplaintStatus(rawValue: status) else { return nil }
            return DuplicateFinder.Candidate(id: id, category: category, location: point, status: status, receivedAt: createdAt)
        }
    }
}

/// One entry of a complaint's history.
struct TimelineEntry: Sendable {
    let id: UUID
    let kind: String
    let isPublic: Bool
    let authorKind: String
    let author: String?
    let body: String?
    let fromStatus: String?
    let toStatus: String?
    let data: [String: JSONValue]?
    let createdAt: Date

    init(_ row: PostgresRow) throws {
        (id, kind, isPublic, authorKind, author, body, fromStatus, toStatus) = try (
            row["id"].decode(UUID.self), row["kind"].decode(String.self), row["public"].decode(Bool.self),
            row["author_kind"].decode(String.self), row["author"].decode(String?.self), row["body"].decode(String?.self),
            row["from_status"].decode(String?.self), row["to_status"].decode(String?.self)
        )
        data = try row["data"].decode(PostgresJSON<[String: JSONValue]>?.self)?.value
        createdAt = try row["created_at"].decode(Date.self)
    }
}
