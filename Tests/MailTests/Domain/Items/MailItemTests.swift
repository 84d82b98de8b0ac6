import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

@Suite struct MailItemTests {
    let clock = ManualWallClock("2026-03-12T10:00:00+01:00")
    var rules: RegistrationValidator { RegistrationValidator(documentTypes: MailFixtures.catalog, clock: clock) }
    let editor = MailFixtures.agent("editor", roles: ["mail.registrar"])

    @Test func registrationFillsTheDirectionsDateWithTheRegistrationInstant() {
        let incoming = MailFixtures.item(.incoming)
        #expect(incoming.details.receivedAt == incoming.registeredAt && incoming.details.sentAt == nil)
        let outgoing = MailFixtures.item(.outgoing)
        #expect(outgoing.details.sentAt == outgoing.registeredAt && outgoing.details.receivedAt == nil)
        #expect(incoming.workflow.status == .registered && incoming.workflow.replyRequired)
        let payload = incoming.registrationAuditPayload
        #expect(payload["registry_number"] == "2026/A/000123")
        #expect(payload["registered_at"] == "2026-03-10T09:00:00.000000Z")
        #expect(payload["correspondent"]?["name"] == "Mohamed El Alami")
        #expect(payload["reference"] == .null)
    }

    @Test func immutableFieldsInAnAmendmentAreRefusedWith409() {
        for body: [String: JSONValue] in [
            ["registry_number": "2026/A/000124", "reason": "typo"], ["registered_at": "2026-01-01T00:00:00Z", "subject": "x"],
            ["direction": "outgoing"], ["documents": []], ["registered_by": "me"], ["id": "x"],
        ] {
            do {
                _ = try AmendmentRequest(body, rules: rules)
                Issue.record("accepted \(body)")
            } catch {
                #expect(error.kind == .registeredFieldImmutable && error.status == 409)
                #expect(error.extensions["fields"]?.arrayValue?.isEmpty == false)
            }
        }
    }

    @Test func amendmentsRecordOldAndNewValues() throws {
        var item = MailFixtures.item()
        let request = try AmendmentRequest(
            ["subject": "Demande de copie du dossier n° 12", "priority": "urgent", "reference": "R-1", "reason": "Objet incomplet"], rules: rules)
        #expect(request.correspondent == nil)
        let amendment = try item.amend(request.changes, reason: request.reason, by: editor, at: clock.now)
        #expect(amendment.changes.map(\.field) == [.priority, .reference, .subject])
        #expect(amendment.changes[0].oldValue == "normal" && amendment.changes[0].newValue == "urgent")
        #expect(amendment.changes[1].oldValue == .null && amendment.changes[1].newValue == "R-1")
        #expect(item.details.subject == "Demande de copie du dossier n° 12")
        #expect(item.number.text == "2026/A/000123", "the number never changes")
        #expect(amendment.amendedBy == "account:editor" && amendment.amendedAt == clock.now)
        #expect(amendment.auditPayload["reason"] == "Objet incomplet")
        #expect(amendment.auditPayload["changes"]?[2] == ["field": "subject", "old": "Demande de copie du dossier", "new": "Demande de copie du dossier n° 12"])
        // Clearing the reference records null as the new value.
        let clear = try AmendmentRequest(["reference": nil, "reason": "Référence erronée"], rules: rules)
        let second = try item.amend(clear.changes, reason: clear.reason, by: editor, at: clock.now)
        #expect(second.changes == [.init(field: .reference, oldValue: "R-1", newValue: .null)])
    }

    @Test func badAmendmentRequestsAreValidationProblems() {
        func codes(_ body: [String: JSONValue]) -> [String: String] {
            do {
                _ = try AmendmentRequest(body, rules: rules)
                return [:]
            } catch {
                #expect(error.kind == .validationFailed)
                return Dictionary(error.errors.map { ($0.field, $0.code) }, uniquingKeysWith: { first, _ in first })
            }
        }
        #expect(codes(["subject": "Nouvel objet"]) == ["/reason": "required"])
        #expect(codes(["reason": "Correction"]) == ["": "no_changes"])
        #expect(codes(["subject": 12, "reason": "Correction"]) == ["/subject": "invalid_type"])
        #expect(codes(["colour": "red", "reason": "Correction"]) == ["/colour": "not_allowed"])
        #expect(codes(["priority": "asap", "medium": "fax", "reason": "Correction"]) == ["/priority": "unknown_value", "/medium": "unknown_value"])
        #expect(codes(["document_type": "poeme", "reason": "Correction"]) == ["/document_type": "unknown_value"])
        #expect(codes(["received_at": "2026-03-13T10:00:00+01:00", "reason": "Correction"]) == ["/received_at": "in_the_future"])
        #expect(codes(["correspondent": "Ali", "reason": "Correction"]) == ["/correspondent": "invalid_type"])
        #expect(codes(["correspondent": ["name": ""], "reason": "Correction"]) == ["/correspondent/name": "required"])
        #expect(codes(["subject": "ok subject", "reason": "x"]) == ["/reason": "too_short"])
    }

    @Test func anAmendmentThatChangesNothingOrTheWrongDateIsRefused() throws {
        var item = MailFixtures.item()
        #expect(throws: Problem.self) {
            try item.amend([.subject("Demande de copie du dossier")], reason: "Correction", by: editor, at: clock.now)
        }
        do {
            _ = try item.amend([.sentAt(clock.now), .priority(.urgent)], reason: "Correction", by: editor, at: clock.now)
            Issue.record("a sent date was accepted on incoming mail")
        } catch {
            #expect(error.errors.map(\.code) == ["not_allowed_for_direction"])
        }
        #expect(item.details.priority == .normal, "a refused amendment changes nothing")
        do {
            _ = try item.amend([.documentType(MailFixtures.decree)], reason: "Correction", by: editor, at: clock.now)
            Issue.record("an outgoing-only type was accepted on incoming mail")
        } catch {
            #expect(error.errors.map(\.field) == ["/document_type"])
        }
    }

    @Test func changingTheDocumentTypeChangesWhetherAReplyIsRequired() throws {
        var item = MailFixtures.item()
        #expect(item.workflow.replyRequired)
        _ = try item.amend([.documentType(MailFixtures.invitation)], reason: "Mauvais type", by: editor, at: clock.now)
        #expect(!item.workflow.replyRequired && item.details.documentType == "invitation")
    }

    @Test func cancellationNeedsAReasonAndKeepsTheNumber() throws {
        var item = MailFixtures.item()
        do {
            _ = try item.cancel(reason: "  ", by: editor, at: clock.now)
            Issue.record("cancelled without a reason")
        } catch {
            #expect(error.kind == .validationFailed && error.errors.map(\.field) == ["/reason"])
        }
        #expect(throws: Problem.self) { try item.cancel(reason: nil, by: editor, at: clock.now) }
        let cancellation = try item.cancel(reason: "Enregistré deux fois (voir 2026/A/000122)", by: editor, at: clock.now)
        #expect(item.isCancelled && item.number.text == "2026/A/000123")
        #expect(cancellation.auditPayload == ["reason": "Enregistré deux fois (voir 2026/A/000122)"])
        #expect(item.workflow.status == .cancelled)
        #expect(item.workflow.history.last?.kind == .cancelled)
    }

    @Test func aCancelledItemNeitherChangesNorMoves() throws {
        var item = MailFixtures.item()
        _ = try item.cancel(reason: "Doublon", by: editor, at: clock.now)
        #expect(throws: Problem(.mailItemCancelled)) { try item.cancel(reason: "Encore", by: editor, at: clock.now) }
        #expect(throws: Problem(.mailItemCancelled)) { try item.amend([.priority(.urgent)], reason: "Correction", by: editor, at: clock.now) }
        #expect(throws: Problem(.mailItemCancelled)) {
            try item.process { workflow throws(Problem) in try workflow.route(to: MailFixtures.legalUnit, by: editor, at: clock.now) }
        }
    }

    @Test func anArchivedItemIsSealed() throws {
        var item = MailFixtures.item(type: MailFixtures.invitation)
        let unit = MailFixtures.legalUnit
        let handler = MailFixtures.agent("handler", units: [unit])
        let now = clock.now
        _ = try item.process { workflow throws(Problem) in try workflow.route(to: unit, by: editor, at: now) }
        _ = try item.process { workflow throws(Problem) in try workflow.startProcessing(by: handler, at: now) }
        _ = try item.process { workflow throws(Problem) in try workflow.close(by: handler, at: now) }
        _ = try item.process { workflow throws(Problem) in try workflow.archive(by: handler, at: now) }
        #expect(throws: Problem(.mailItemArchived)) { try item.amend([.priority(.urgent)], reason: "Correction", by: editor, at: now) }
        #expect(throws: Problem(.mailItemArchived)) { try item.cancel(reason: "Trop tard", by: editor, at: now) }
    }

    @Test func repliesLinkOutgoingToIncomingWithinATenant() throws {
        let incoming = MailFixtures.item(.incoming)
        let outgoing = MailFixtures.item(.outgoing)
        try ReplyLink.check(reply: outgoing, answering: incoming)
        try ReplyLink.check(reply: MailFixtures.item(.internal), answering: MailFixtures.item(.internal))
        #expect(throws: Problem(.replyLinkInvalid)) { try ReplyLink.check(reply: incoming, answering: outgoing) }
        #expect(throws: Problem(.replyLinkInvalid)) { try ReplyLink.check(reply: MailFixtures.item(.incoming), answering: incoming) }
        #expect(throws: Problem(.replyLinkInvalid)) { try ReplyLink.check(reply: outgoing, answering: outgoing) }
        #expect(throws: Problem(.notFound)) {
            try ReplyLink.check(reply: MailFixtures.item(.outgoing, tenant: MailFixtures.otherTenant), answering: incoming)
        }
        var cancelled = MailFixtures.item(.incoming)
        _ = try cancelled.cancel(reason: "Doublon", by: editor, at: clock.now)
        #expect(throws: Problem(.replyLinkInvalid)) { try ReplyLink.check(reply: outgoing, answering: cancelled) }
    }

    @Test func everyMailProblemKindSpeaksThreeLanguagesAndHasItsOwnCode() {
        let codes = (ProblemKind.mailCatalog + ProblemKind.platformCatalog).map(\.code)
        #expect(Set(codes).count == codes.count)
        for kind in ProblemKind.mailCatalog {
            #expect(kind.title.ar != nil && kind.title.en != nil && kind.detail.ar != nil && kind.detail.en != nil, "\(kind.code)")
            #expect(kind.status >= 400)
        }
        #expect(ProblemKind.registeredFieldImmutable.status == 409)
    }
}
