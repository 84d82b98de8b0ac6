/// The OAuth2 scopes service clients can be granted, named once: administrators grant them, the
/// token endpoint checks requests against them, and routes name them in
/// `AccessRule.services(withAnyScopeOf:)`.
public enum ServiceScopes {
    /// Resolve the tenant's units and agents through the gateway's directory.
    public static let directoryRead = "directory.read"
    /// Read complaints.
    public static let complaintsRead = "complaints.read"
    /// Submit and update complaints.
    public static let complaintsWrite = "complaints.write"
    /// Read appointments.
    public static let appointmentsRead = "appointments.read"
    /// Book and change appointments.
    public static let appointmentsWrite = "appointments.write"
    /// Read mail.
    public static let mailRead = "mail.read"
    /// Register and route mail.
    public static let mailWrite = "mail.write"

    /// Every scope, for validation of grants.
    public static let all: Set<String> = [
        directoryRead, complaintsRead, complaintsWrite, appointmentsRead, appointmentsWrite, mailRead, mailWrite,
    ]
}
