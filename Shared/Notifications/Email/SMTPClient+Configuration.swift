import GuichetCore

extension SMTPClient {
    /// How the conversation is protected.
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// Never encrypt (a relay on the same host).
        case none
        /// STARTTLS when the server offers it, in clear otherwise (the default).
        case starttls
        /// STARTTLS, and refuse to go on in clear.
        case starttlsRequired = "starttls-required"
        /// TLS from the first byte (SMTPS, port 465).
        case tls
    }

    /// A username and password for AUTH PLAIN or AUTH LOGIN.
    public struct Credentials: Sendable {
        /// The username.
        public var username: String
        /// The password.
        public var password: Secret<String>

        /// Credentials from their parts.
        public init(username: String, password: Secret<String>) {
            self.username = username
            self.password = password
        }
    }

    /// Where the mail server is and how to talk to it.
    public struct Configuration: Sendable {
        /// The server's host name or address (`GUICHET_SMTP_HOST`).
        public var host: String
        /// Its port (`GUICHET_SMTP_PORT`).
        public var port: UInt16
        /// STARTTLS and TLS (`GUICHET_SMTP_SECURITY`).
        public var security: Security
        /// Whether the server's certificate and name are verified (`GUICHET_SMTP_VERIFY_CERTIFICATE`).
        public var verifyCertificate: Bool
        /// A PEM file of authorities to trust instead of the system's (`GUICHET_SMTP_CA_FILE`).
        public var trustedCertificatesFile: String?
        /// AUTH credentials, if the server wants them (`GUICHET_SMTP_USERNAME`, `GUICHET_SMTP_PASSWORD`).
        public var credentials: Credentials?
        /// Whether credentials may be sent over an unencrypted connection (never by default).
        public var allowsPlaintextAuthentication: Bool
        /// The name given in EHLO (`GUICHET_SMTP_EHLO_NAME`).
        public var localName: String
        /// Time allowed to connect (and for TLS's handshake).
        public var connectTimeout: Duration
        /// Time allowed for each reply.
        public var commandTimeout: Duration
        /// Time allowed for the whole conversation (`GUICHET_SMTP_TIMEOUT_MS`).
        public var totalTimeout: Duration

        /// Settings for `host`; the defaults suit a submission server on port 587 with STARTTLS.
        public init(
            host: String, port: UInt16 = 587, security: Security = .starttls, verifyCertificate: Bool = true,
            trustedCertificatesFile: String? = nil, credentials: Credentials? = nil, allowsPlaintextAuthentication: Bool = false,
            localName: String = "localhost", connectTimeout: Duration = .seconds(10), commandTimeout: Duration = .seconds(30),
            totalTimeout: Duration = .seconds(60)
        ) {
            self.host = host
            self.port = port
            self.security = security
            self.verifyCertificate = verifyCertificate
            self.trustedCertificatesFile = trustedCertificatesFile
            self.credentials = credentials
            self.allowsPlaintextAuthentication = allowsPlaintextAuthentication
            self.localName = localName
            self.connectTimeout = connectTimeout
            self.commandTimeout = commandTimeout
            self.totalTimeout = totalTimeout
        }
    }
}
