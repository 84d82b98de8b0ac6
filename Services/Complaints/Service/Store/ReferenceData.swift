import FoundationEssentials
import GuichetCore

/// A tenant's categories and settings, as the handlers need them on every submission and workflow
/// step (deadline policies, extra fields, transitions).
struct ReferenceData: Sendable {
    /// The categories, by code.
    let categories: [String: ComplaintCategory]
    /// The settings (the defaults when the tenant saved none).
    let settings: ComplaintSettings
    /// The settings' version (0 when the tenant saved none), for `ETag`.
    let settingsVersion: Int

    /// The category with `code`, if the tenant has it.
    func category(_ code: String) -> ComplaintCategory? {
        categories[code]
    }
}
