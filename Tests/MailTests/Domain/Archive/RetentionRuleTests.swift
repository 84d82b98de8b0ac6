import FoundationEssentials
import GuichetCore
import Testing

@testable import Mail

@Suite struct RetentionRuleTests {
    let closed = LocalDate("2026-02-28")!
    let rule = RetentionRule(years: 5, finalAction: .destroyAfterApproval)!
    let approval = RetentionRule.PurgeApproval(approvedBy: "account:archivist", approvedAt: MailFixtures.instant("2031-03-01T10:00:00Z"))

    @Test func periodsAreBounded() {
        #expect(RetentionRule(years: 100, finalAction: .archive)?.months == 1200)
        #expect(RetentionRule(years: 100, months: 1, finalAction: .archive) == nil)
        #expect(RetentionRule(years: -1, finalAction: .archive) == nil)
        #expect(RetentionRule(months: -1, finalAction: .archive) == nil)
        #expect(RetentionRule(years: Int.max, finalAction: .archive) == nil)
        #expect(RetentionRule(years: 1, months: 6, finalAction: .archive)?.months == 18)
    }

    @Test func theEndDateAddsTheDurationInCalendarMonths() {
        #expect(rule.endDate(startingOn: closed).description == "2031-02-28")
        #expect(RetentionRule(years: 4, finalAction: .archive)!.endDate(startingOn: LocalDate("2024-02-29")!).description == "2028-02-29")
        #expect(RetentionRule(years: 1, finalAction: .archive)!.endDate(startingOn: LocalDate("2024-02-29")!).description == "2025-02-28")
        #expect(!rule.hasElapsed(startingOn: closed, on: LocalDate("2031-02-27")!))
        #expect(rule.hasElapsed(startingOn: closed, on: LocalDate("2031-02-28")!))
    }

    @Test func aPurgeNeedsTheEndOfRetentionAndSomeoneElsesApproval() throws {
        let after = LocalDate("2031-03-01")!
        try rule.checkPurge(startingOn: closed, on: after, requestedBy: "account:clerk", approval: approval)
        do {
            try rule.checkPurge(startingOn: closed, on: LocalDate("2031-02-27")!, requestedBy: "account:clerk", approval: approval)
            Issue.record("purged before the end of retention")
        } catch {
            #expect(error.kind == .retentionNotElapsed && error.extensions["retention_ends"] == "2031-02-28")
        }
        #expect(throws: Problem(.purgeApprovalRequired)) {
            try rule.checkPurge(startingOn: closed, on: after, requestedBy: "account:clerk", approval: nil)
        }
        #expect(throws: Problem(.purgeApprovalRequired)) {
            try rule.checkPurge(startingOn: closed, on: after, requestedBy: "account:archivist", approval: approval)
        }
        #expect(throws: Problem(.purgeApprovalRequired)) {
            try rule.checkPurge(
                startingOn: closed, on: after, requestedBy: "account:clerk", approval: .init(approvedBy: "", approvedAt: approval.approvedAt))
        }
        let keep = RetentionRule(years: 5, finalAction: .archive)!
        #expect(throws: Problem(.purgeNotAllowed)) {
            try keep.checkPurge(startingOn: closed, on: after, requestedBy: "account:clerk", approval: approval)
        }
    }

    @Test func durationsAreWrittenInISO8601() throws {
        var package = try #require(ArchivePackageFixture.minimal())
        package.retention = RetentionRule(months: 18, finalAction: .archive)!
        #expect(package.isoDuration == "P18M")
        package.retention = RetentionRule(finalAction: .archive)!
        #expect(package.isoDuration == "P0D")
        package.retention = RetentionRule(years: 30, finalAction: .archive)!
        #expect(package.isoDuration == "P30Y")
    }
}

enum ArchivePackageFixture {
    static func minimal() -> ArchivePackage? {
        ArchivePackage(
            packageID: MailFixtures.tenant, createdAt: MailFixtures.instant("2031-04-02T10:00:00Z"), tenantID: MailFixtures.tenant,
            tenantName: "T", item: MailFixtures.item(), documentTypeName: "D", documents: [], events: [],
            retention: RetentionRule(years: 1, finalAction: .archive)!, retentionStart: LocalDate("2026-04-02")!)
    }
}
