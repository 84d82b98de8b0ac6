/// What a citizen is submitting.
public enum ComplaintKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A complaint (réclamation / شكاية): something went wrong and should be put right.
    case complaint
    /// A request (demande / طلب): asking the administration to do something or give information.
    case request
    /// A suggestion (suggestion / اقتراح): an idea to improve a service.
    case suggestion
}
