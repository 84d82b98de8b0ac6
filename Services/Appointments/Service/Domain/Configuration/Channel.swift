/// How a booking reaches the service: the citizen on the web or the mobile app, an agent on the
/// phone for a caller, or an agent at the desk for a visitor.
public enum Channel: String, Sendable, Hashable, CaseIterable {
    /// The web portal.
    case web
    /// The mobile app.
    case mobile
    /// An agent booking for a caller.
    case phone
    /// An agent booking for a visitor on site.
    case desk
}
