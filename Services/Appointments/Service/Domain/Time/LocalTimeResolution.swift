public import FoundationEssentials

/// What a wall time means in a zone: one instant, two (the clocks went back and the hour
/// repeats), or none (the clocks went forward over it).
public enum LocalTimeResolution: Sendable, Hashable {
    /// The wall time happens once, at this instant.
    case unique(Date)
    /// The wall time happens twice (a fall-back overlap): first at `earlier`, then at `later`.
    case repeated(earlier: Date, later: Date)
    /// The wall time never happens (a spring-forward gap); the clocks jump at `transition`.
    case skipped(transition: Date)

    /// The first instant showing this wall time, or `nil` when it never happens. The booking policy:
    /// a slot in a gap is skipped, and a slot in an overlap is offered once, at its first occurrence.
    public var firstOccurrence: Date? {
        switch self {
        case .unique(let date): date
        case .repeated(let earlier, _): earlier
        case .skipped: nil
        }
    }

    /// The instant to use for the edge of a range: the first occurrence, or the transition when
    /// the wall time falls in a gap (a range `01:30–02:30` over a gap at 02:00 ends at the jump).
    public var boundary: Date {
        switch self {
        case .unique(let date): date
        case .repeated(let earlier, _): earlier
        case .skipped(let transition): transition
        }
    }
}
