public import FoundationEssentials

extension ComplaintWorkflow {
    /// When the running answer deadline stopped: the answer (given since the clock last
    /// started), the rejection, or the merge; `nil` while an answer is awaited.
    public var answerStoppedAt: Date? {
        switch status {
        case .answered, .closed:
            if let answeredAt, answeredAt >= answerClockStartedAt { return answeredAt }
            return closedAt ?? updatedAt
        case .rejected: return rejectedAt ?? updatedAt
        case .merged: return updatedAt
        case .received, .acknowledged, .assigned, .inProgress, .reopened: return nil
        }
    }
}
