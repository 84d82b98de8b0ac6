import FoundationEssentials
import GuichetCore

/// How long a document type's mail is kept after it is closed, and what happens then.
///
/// At the end of the period the item is either transferred to the permanent archive (an export
/// package, see ``ArchivePackage``) or destroyed, and destruction needs an approval recorded by someone
/// other than the requester. The registry entry (number, date, metadata) is kept for ever either way.
public struct RetentionRule: Sendable, Hashable {
    /// What happens when the retention period ends.
    public enum FinalAction: String, Sendable, Hashable, Codable, CaseIterable {
        /// Transfer to the permanent archive (SEDA's `Keep`).
        case archive
        /// Destroy the documents once an approval is recorded (SEDA's `Destroy`).
        case destroyAfterApproval = "destroy_after_approval"

        /// The action's name for people.
        public var label: LocalizedText {
            switch self {
            case .archive: LocalizedText(fr: "Versement aux archives", ar: "الإيداع في الأرشيف", en: "Transfer to archives")
            case .destroyAfterApproval:
                LocalizedText(fr: "Élimination après approbation", ar: "الإتلاف بعد الموافقة", en: "Destruction after approval")
            }
        }
    }

    /// The longest retention period accepted, in months (a century).
    public static let maximumMonths = 1200

    /// The retention period in months.
    public let months: Int
    /// What happens at its end.
    public let finalAction: FinalAction

    /// A rule keeping mail for `years` and `months` (together at most ``maximumMonths``, not negative);
    /// `nil` otherwise.
    public init?(years: Int = 0, months: Int = 0, finalAction: FinalAction) {
        let (yearMonths, overflow) = years.multipliedReportingOverflow(by: 12)
        guard !overflow, years >= 0, months >= 0, yearMonths <= Self.maximumMonths - months else { return nil }
        self.months = yearMonths + months
        self.finalAction = finalAction
    }

    /// The first day on which the period is over, for mail closed on `start`.
    public func endDate(startingOn start: LocalDate) -> LocalDate {
        start.adding(months: months)
    }

    /// Whether the period of mail closed on `start` is over on `today`.
    public func hasElapsed(startingOn start: LocalDate, on today: LocalDate) -> Bool {
        today >= endDate(startingOn: start)
    }

    /// An approval of a purge, as recorded.
    public struct PurgeApproval: Sendable, Hashable {
        /// Who approved (a principal's subject).
        public var approvedBy: String
        /// When.
        public var approvedAt: Date

        /// An approval from its parts.
        public init(approvedBy: String, approvedAt: Date) {
            self.approvedBy = approvedBy
            self.approvedAt = approvedAt
        }
    }

    /// Checks that the documents of mail closed on `start` may be destroyed on `today` at the request of
    /// `requester`: the rule destroys (else `purge_not_allowed`), the period is over (else
    /// `retention_not_elapsed`, with the end date as `retention_ends`) and an approval by someone other
    /// than the requester is recorded (else `purge_approval_required`).
    public func checkPurge(
        startingOn start: LocalDate, on today: LocalDate, requestedBy requester: String, approval: PurgeApproval?
    ) throws(Problem) {
        guard finalAction == .destroyAfterApproval else { throw Problem(.purgeNotAllowed) }
        guard hasElapsed(startingOn: start, on: today) else {
            throw Problem(.retentionNotElapsed).withExtension("retention_ends", .string(endDate(startingOn: start).description))
        }
        guard let approval, !approval.approvedBy.isEmpty, approval.approvedBy != requester else {
            throw Problem(.purgeApprovalRequired)
        }
    }
}
