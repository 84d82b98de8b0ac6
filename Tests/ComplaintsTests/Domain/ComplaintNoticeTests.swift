import FoundationEssentials
import Testing
import GuichetCore
@testable import Complaints

@Suite struct ComplaintNoticeTests {
    let citizen = ComplaintNotice.Recipient(
        complaintID: UUID(), trackingCode: "7KQ3-M9XD-2TNB-HV0R", language: .ar,
        contact: ContactDetails(email: EmailAddress("amal@example.ma"), phone: PhoneNumber("0612345678")))
    let follower = ComplaintNotice.Recipient(
        complaintID: UUID(), trackingCode: "AAAA-BBBB-CCCC-DDDD", language: .fr, contact: ContactDetails(email: EmailAddress("karim@example.ma")))
    let anonymous = ComplaintNotice.Recipient(complaintID: UUID(), trackingCode: "EEEE-FFFF-GGGG-HHHH", language: .fr, contact: .none)

    @Test func aStepsNoticesCarryItsPublicReplyToEveryReachableCitizen() throws {
        var workflow = ComplaintWorkflow(id: citizen.complaintID, receivedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let effects = try workflow.apply(
            .answer("Les services techniques ont rebouché le trou."), at: Date(timeIntervalSince1970: 1_800_100_000), rules: WorkflowRules())
        let notices = ComplaintNotice.notices(
            for: effects, complaint: citizen, status: workflow.status, answerDue: Date(), followers: [follower, anonymous])
        #expect(notices.map(\.topic) == [.statusChanged, .statusChanged])
        #expect(notices.map(\.recipient.complaintID) == [citizen.complaintID, follower.complaintID])
        #expect(notices.allSatisfy { $0.reply == "Les services techniques ont rebouché le trou." && $0.answerDue == nil })
        #expect(notices.map(\.throughMerge) == [false, true])
        #expect(notices.map(\.channel) == ["email", "email"])
        #expect(notices.map(\.status) == [.answered, .answered])
    }

    @Test func requestsForInformationGoToTheComplaintsOwnCitizenOnly() throws {
        var workflow = ComplaintWorkflow(id: citizen.complaintID, receivedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let effects = try workflow.apply(
            .reply("Pouvez-vous préciser l'adresse exacte ?", asksForInformation: true), at: Date(timeIntervalSince1970: 1_800_000_100),
            rules: WorkflowRules())
        let due = Date(timeIntervalSince1970: 1_805_000_000)
        let notices = ComplaintNotice.notices(for: effects, complaint: citizen, status: workflow.status, answerDue: due, followers: [follower])
        #expect(notices.map(\.topic) == [.informationRequested])
        #expect(notices.first?.answerDue == due)
    }

    @Test func aMergeTellsTheMergedComplaintsCitizenButNotItsFollowersAgain() throws {
        var workflow = ComplaintWorkflow(id: citizen.complaintID, receivedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let effects = try workflow.apply(
            .merge(into: MergeTarget(id: UUID(), status: .inProgress)), at: Date(timeIntervalSince1970: 1_800_000_100), rules: WorkflowRules())
        let notices = ComplaintNotice.notices(
            for: effects, complaint: citizen, status: workflow.status, answerDue: Date(), followers: [follower])
        #expect(notices.map(\.recipient.complaintID) == [citizen.complaintID])
        #expect(notices.first?.status == .merged && notices.first?.answerDue == nil && notices.first?.throughMerge == false)
    }

    @Test func aPhoneOnlyCitizenIsToldBySMSAndNobodyWithoutContact() {
        let phoneOnly = ComplaintNotice.Recipient(
            complaintID: UUID(), trackingCode: "JJJJ-KKKK-MMMM-NNNN", language: .en, contact: ContactDetails(phone: PhoneNumber("0612345678")))
        #expect(ComplaintNotice(topic: .replied, recipient: phoneOnly, status: .assigned).channel == "sms")
        #expect(ComplaintNotice(topic: .replied, recipient: citizen, status: .assigned).channel == "email")
        #expect(ComplaintNotice(topic: .replied, recipient: anonymous, status: .assigned).channel == nil)
    }

    @Test func stepsWithoutANoticeAndCitizensWithoutContactGiveNone() throws {
        var workflow = ComplaintWorkflow(id: anonymous.complaintID, receivedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let effects = try workflow.apply(.acknowledge, at: Date(timeIntervalSince1970: 1_800_000_100), rules: WorkflowRules())
        #expect(ComplaintNotice.notices(for: effects, complaint: anonymous, status: workflow.status, answerDue: nil).isEmpty)
        #expect(ComplaintNotice.notices(for: [.recordCitizenMessage("x"), .notifyUnit(UUID())], complaint: citizen, status: .assigned, answerDue: nil).isEmpty)
    }
}
