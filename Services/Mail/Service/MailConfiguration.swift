import FoundationEssentials
import GuichetCore

/// The mail service's own settings, read from its environment (`MAIL_*`, `GUICHET_KEYS_DIR`), with
/// the clock the service reads "now" from (a test injects a manual one).
public struct MailConfiguration: Sendable {
    /// Where documents are stored, content-addressed by SHA-256 (`MAIL_STORAGE_DIR`, default
    /// `.data/mail-documents`).
    public var storageDirectory: String
    /// The largest document accepted, in bytes (`MAIL_MAX_DOCUMENT_BYTES`, default 20 MiB).
    public var maximumDocumentBytes: Int
    /// The `pdftotext` program (`MAIL_PDFTOTEXT`, default `/usr/bin/pdftotext`; empty: no extraction).
    public var pdftotextPath: String
    /// How long text extraction may run for one document (`MAIL_EXTRACTION_TIMEOUT_MS`, default 20 s).
    public var extractionTimeout: Duration
    /// The most characters of extracted text kept per document for search.
    public var maximumExtractedCharacters: Int
    /// The directory holding the audit signing key file when `MAIL_AUDIT_SIGNING_KEY` is not set
    /// (`GUICHET_KEYS_DIR`, default `.data/keys`; the file is `mail-audit.key`).
    public var keysDirectory: String
    /// The Ed25519 seed (base64url, 32 bytes) that signs daily audit chain heads
    /// (`MAIL_AUDIT_SIGNING_KEY`); when absent, the key file in ``keysDirectory`` (made on first start).
    public var auditSigningKey: Secret<String>?
    /// How often the background jobs (deadline reminders, daily chain heads) run
    /// (`MAIL_JOBS_INTERVAL_MS`, default 5 minutes; 0 turns them off).
    public var jobsInterval: Duration
    /// The clock giving "now" to registrations, deadlines and audit records.
    public var clock: any WallClock

    /// The defaults (a system clock).
    public init(
        storageDirectory: String = ".data/mail-documents", maximumDocumentBytes: Int = 20 << 20,
        pdftotextPath: String = "/usr/bin/pdftotext", extractionTimeout: Duration = .seconds(20),
        maximumExtractedCharacters: Int = 200_000, keysDirectory: String = ".data/keys", auditSigningKey: Secret<String>? = nil,
        jobsInterval: Duration = .seconds(300), clock: any WallClock = SystemWallClock()
    ) {
        self.storageDirectory = storageDirectory
        self.maximumDocumentBytes = maximumDocumentBytes
        self.pdftotextPath = pdftotextPath
        self.extractionTimeout = extractionTimeout
        self.maximumExtractedCharacters = maximumExtractedCharacters
        self.keysDirectory = keysDirectory
        self.auditSigningKey = auditSigningKey
        self.jobsInterval = jobsInterval
        self.clock = clock
    }

    /// Reads the settings from `environment`, recording malformed values in it (call `validate()` after).
    public static func read(from environment: inout Environment, clock: any WallClock = SystemWallClock()) -> MailConfiguration {
        MailConfiguration(
            storageDirectory: environment.string("MAIL_STORAGE_DIR", default: ".data/mail-documents"),
            maximumDocumentBytes: environment.int("MAIL_MAX_DOCUMENT_BYTES", default: 20 << 20, range: 1024...(1 << 30)),
            pdftotextPath: environment.raw("MAIL_PDFTOTEXT") ?? "/usr/bin/pdftotext",
            extractionTimeout: environment.duration("MAIL_EXTRACTION_TIMEOUT_MS", default: .seconds(20)),
            keysDirectory: environment.string("GUICHET_KEYS_DIR", default: ".data/keys"),
            auditSigningKey: environment.raw("MAIL_AUDIT_SIGNING_KEY").map(Secret.init),
            jobsInterval: environment.duration("MAIL_JOBS_INTERVAL_MS", default: .seconds(300)),
            clock: clock)
    }
}
