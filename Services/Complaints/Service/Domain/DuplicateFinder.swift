public import FoundationEssentials
public import GuichetCore

/// Suggests the open complaints a new one may duplicate: same category, within a radius, nearest
/// first. The store narrows candidates with a spatial index (PostGIS `ST_DWithin`); this makes the
/// exact choice and order.
///
/// ```swift
/// let finder = DuplicateFinder(configuration: .init(radius: 150))
/// let suggestions = finder.matches(near: point, category: "voirie", excluding: newID, among: candidates)
/// ```
public struct DuplicateFinder: Sendable, Hashable {
    /// How far and how many.
    public struct Configuration: Sendable, Hashable {
        /// The largest distance, in metres, at which a complaint counts as a possible duplicate
        /// (default 100 m).
        public var radius: Double
        /// The most suggestions returned (default 10).
        public var maximumResults: Int

        /// A configuration; traps unless `radius` is finite and positive and `maximumResults` ≥ 1.
        public init(radius: Double = 100, maximumResults: Int = 10) {
            precondition(radius.isFinite && radius > 0, "The radius must be a positive distance in metres")
            precondition(maximumResults >= 1, "maximumResults must be at least 1")
            self.radius = radius
            self.maximumResults = maximumResults
        }
    }

    /// An open complaint that might be duplicated.
    public struct Candidate: Sendable, Hashable {
        /// Its id.
        public var id: UUID
        /// Its category code.
        public var category: String
        /// Where it is.
        public var location: GeoPoint
        /// Its status (terminal complaints are never suggested).
        public var status: ComplaintStatus
        /// When it was received.
        public var receivedAt: Date

        /// A candidate from its parts.
        public init(id: UUID, category: String, location: GeoPoint, status: ComplaintStatus, receivedAt: Date) {
            self.id = id
            self.category = category
            self.location = location
            self.status = status
            self.receivedAt = receivedAt
        }
    }

    /// A suggested duplicate and how far it is.
    public struct Match: Sendable, Hashable {
        /// The complaint.
        public var candidate: Candidate
        /// Its distance in metres.
        public var distance: Double
    }

    /// The limits used.
    public let configuration: Configuration

    /// A finder with the given limits.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The candidates of `category`, not terminal and not `excluded`, within the radius of
    /// `point`: nearest first, then most recent, then by id (a stable order), at most
    /// ``Configuration/maximumResults``.
    public func matches(near point: GeoPoint, category: String, excluding excluded: UUID? = nil, among candidates: [Candidate]) -> [Match] {
        // One degree of latitude is at least 110.5 km anywhere: a cheap bound before the haversine.
        let latitudeBound = configuration.radius / 110_500
        var matches: [Match] = []
        for candidate in candidates {
            guard candidate.category == category, !candidate.status.isTerminal, candidate.id != excluded,
                abs(candidate.location.latitude - point.latitude) <= latitudeBound
            else { continue }
            let distance = point.distance(to: candidate.location)
            if distance <= configuration.radius {
                matches.append(Match(candidate: candidate, distance: distance))
            }
        }
        matches.sort { left, right in
            if left.distance != right.distance { return left.distance < right.distance }
            if left.candidate.receivedAt != right.candidate.receivedAt { return left.candidate.receivedAt > right.candidate.receivedAt }
            return left.candidate.id.uuidString < right.candidate.id.uuidString
        }
        if matches.count > configuration.maximumResults {
            matches.removeSubrange(configuration.maximumResults...)
        }
        return matches
    }
}
