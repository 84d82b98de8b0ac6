/// How a complaint reached the administration, recorded with it.
public enum SubmissionChannel: String, Sendable, Hashable, Codable, CaseIterable {
    /// The web portal.
    case web
    /// A mobile application.
    case mobile
    /// A phone call, entered by an agent.
    case phone
    /// A visit to an office desk, entered by an agent.
    case desk
    /// Another system, through the Open311 GeoReport v2 API.
    case open311

    /// The channels a citizen uses directly; the others are entered by an agent or a system.
    public static let citizenChannels: Set<SubmissionChannel> = [.web, .mobile]
}
