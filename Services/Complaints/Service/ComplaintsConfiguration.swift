import FoundationEssentials
import GuichetCore

/// The complaints service's own settings, from the environment (besides the kit's):
///
/// | variable | default | what |
/// |---|---|---|
/// | `COMPLAINTS_ATTACHMENT_MAX_BYTES` | 4194304 | the largest photo or document |
/// | `COMPLAINTS_ATTACHMENT_MAX_COUNT` | 5 | files per complaint |
/// | `COMPLAINTS_REFERENCE_CACHE_MS` | 10000 | how long a replica trusts its copy of a tenant's categories and settings |
/// | `COMPLAINTS_OPEN311_URL` | `http://127.0.0.1:8080/open311/v2` | the public base URL of the GeoReport endpoint, for discovery |
/// | `COMPLAINTS_OPEN311_CONTACT` | `support@guichet.ma` | discovery's contact |
struct ComplaintsConfiguration: Sendable {
    /// Bounds on photos and documents.
    var attachments = AttachmentPolicy()
    /// How long a tenant's categories and settings are cached (writes on this replica refresh at once).
    var referenceCacheLifetime: Duration = .seconds(10)
    /// The public holidays counted by deadlines. Until the identity service's tenant settings carry
    /// each tenant's calendar, every tenant uses Morocco's default set.
    var holidays: HolidaySet = .moroccoDefault
    /// The map's grid.
    var clusterer = MapClusterer.Configuration()
    /// The GeoReport endpoint's public base URL.
    var open311URL = "http://127.0.0.1:8080/open311/v2"
    /// Discovery's contact.
    var open311Contact = "support@guichet.ma"

    /// The defaults.
    init() {}

    /// Reads the variables of the table above; an invalid value is a configuration error.
    static func read(from environment: Environment) throws(Environment.Errors) -> ComplaintsConfiguration {
        var environment = environment
        var configuration = ComplaintsConfiguration()
        configuration.attachments = AttachmentPolicy(
            maximumBytes: environment.int("COMPLAINTS_ATTACHMENT_MAX_BYTES", default: 4 << 20, range: 1024...(64 << 20)),
            maximumCount: environment.int("COMPLAINTS_ATTACHMENT_MAX_COUNT", default: 5, range: 1...50))
        configuration.referenceCacheLifetime = environment.duration("COMPLAINTS_REFERENCE_CACHE_MS", default: .seconds(10))
        configuration.open311URL = environment.url("COMPLAINTS_OPEN311_URL", default: configuration.open311URL)
        configuration.open311Contact = environment.string("COMPLAINTS_OPEN311_CONTACT", default: configuration.open311Contact)
        try environment.validate()
        return configuration
    }

    /// The calendar deadlines are counted on for a tenant in `timeZone`.
    func calendar(timeZone: String) -> BusinessCalendar {
        BusinessCalendar(timeZone: TimeZone.named(timeZone) ?? .casablanca, weekend: Weekday.saturdayAndSunday, holidays: holidays)
    }
}
