import GuichetCore

/// The rules of a tenant slug: 1–40 characters of `[a-z0-9-]`, starting and ending with a letter or
/// digit, and not a word the platform's own paths use.
public enum TenantSlug {
    /// Slugs that would be confused with platform paths or roles.
    public static let reserved: Set<String> = [
        "platform", "auth", "admin", "api", "well-known", "openapi", "openapi.json", "healthz", "readyz", "metrics",
        "v1", "v2", "static", "assets", "www", "mail", "complaints", "appointments", "gateway", "system", "root",
        "guichet", "open311", "jwks",
    ]

    /// The field errors of `slug` at `pointer`, empty when it is acceptable.
    public static func problems(_ slug: String, at pointer: String = "/slug") -> [FieldError] {
        let bytes = Array(slug.utf8)
        guard !bytes.isEmpty else { return [.required(pointer)] }
        guard bytes.count <= 40 else { return [.tooLong(pointer, maximum: 40)] }
        let allowed = bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
        guard allowed, bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return [.invalidFormat(pointer, format: LocalizedText(fr: "[a-z0-9-]", ar: "[a-z0-9-]", en: "[a-z0-9-]"))]
        }
        guard !reserved.contains(slug) else { return [.notAllowed(pointer)] }
        return []
    }
}
