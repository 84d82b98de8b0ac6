public import FoundationEssentials

/// A citizen's rating of an answer.
public struct Satisfaction: Sendable, Hashable {
    /// Whether the citizen is satisfied.
    public var satisfied: Bool
    /// Their comment, cleaned, if any.
    public var comment: String?
    /// When they rated.
    public var ratedAt: Date

    /// A rating from its parts.
    public init(satisfied: Bool, comment: String?, ratedAt: Date) {
        self.satisfied = satisfied
        self.comment = comment
        self.ratedAt = ratedAt
    }
}
