import FoundationEssentials
import GuichetCore

/// What the mail service knows of a tenant when it serves a request: its name and time zone, its
/// working calendar, its registry number format, its reminder offset and its document types.
struct MailTenant: Sendable {
    /// The tenant as the request carries it.
    let reference: TenantReference
    /// The tenant's names (acknowledgements, labels, manifests).
    let name: LocalizedText
    /// The tenant's time zone (the registry year turns at midnight there).
    let timeZone: TimeZone
    /// The calendar deadlines are counted on.
    let calendar: BusinessCalendar
    /// The mail settings.
    let settings: MailSettings
    /// The document types.
    let documentTypes: DocumentTypeCatalog

    /// The tenant's id.
    var id: UUID { reference.id }
    /// The registry number format.
    var format: RegistryNumberFormat { settings.format }

    /// The registry year of `instant`: its local year in the tenant's time zone.
    func registryYear(of instant: Date) -> Int {
        LocalDate(instant, in: timeZone).year
    }

    /// The local day of `instant`.
    func localDay(of instant: Date) -> LocalDate {
        LocalDate(instant, in: timeZone)
    }
}
