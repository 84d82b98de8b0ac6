public import FoundationEssentials

/// The complaint another one is merged into, as the store found it (in the same tenant).
public struct MergeTarget: Sendable, Hashable {
    /// The target complaint's id.
    public var id: UUID
    /// The target's current status (a merged complaint cannot receive merges).
    public var status: ComplaintStatus

    /// A merge target from its id and status.
    public init(id: UUID, status: ComplaintStatus) {
        self.id = id
        self.status = status
    }
}
