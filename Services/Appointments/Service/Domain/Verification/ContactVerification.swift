public import FoundationEssentials
public import GuichetCore
import GuichetCrypto

/// A one-time code that proves a person holds a phone number or an email address, before they
/// book or join a waiting list: sent by SMS or email, typed back within ``Configuration/codeLifetime``,
/// at most ``Configuration/maximumAttempts`` tries, then good for booking during
/// ``Configuration/verifiedLifetime``.
///
/// Only a salted HMAC-SHA-256 of the code is kept, and codes are compared in constant time.
public struct ContactVerification: Sendable, Hashable, Identifiable {
    /// The limits of verifications.
    public struct Configuration: Sendable, Hashable {
        /// How long a code can be typed back; 10 minutes by default.
        public var codeLifetime: Duration
        /// How many wrong codes end the verification; 5 by default.
        public var maximumAttempts: Int
        /// How long a verified contact may be used to book; 30 minutes by default.
        public var verifiedLifetime: Duration

        /// Limits; by default 10 minutes, 5 attempts, 30 minutes.
        public init(codeLifetime: Duration = .seconds(600), maximumAttempts: Int = 5, verifiedLifetime: Duration = .seconds(1800)) {
            self.codeLifetime = codeLifetime
            self.maximumAttempts = maximumAttempts
            self.verifiedLifetime = verifiedLifetime
        }
    }

    /// How the code travels.
    public enum Channel: String, Sendable, Hashable, CaseIterable {
        /// A text message to the phone number.
        case sms
        /// An email to the address.
        case email
    }

    /// Why a code is refused.
    public enum Failure: Error, Sendable, Hashable {
        /// The code does not match (attempts are counted).
        case wrongCode
        /// The code's lifetime is over, or too many wrong codes were typed.
        case expired
    }

    /// The verification's id.
    public var id: UUID
    /// SMS or email.
    public var channel: Channel
    /// The phone number (E.164) or the email address (lower case) being verified.
    public var destination: String
    /// The random salt of the digest.
    public var salt: [UInt8]
    /// HMAC-SHA-256 of the code, keyed by the salt.
    public var codeDigest: [UInt8]
    /// Wrong codes typed so far.
    public var attempts: Int
    /// Until when the code can be typed.
    public var expiresAt: Date
    /// When the code was typed right, if it was.
    public var verifiedAt: Date?

    /// A verification from its stored parts.
    public init(
        id: UUID, channel: Channel, destination: String, salt: [UInt8], codeDigest: [UInt8], attempts: Int, expiresAt: Date,
        verifiedAt: Date? = nil
    ) {
        self.id = id
        self.channel = channel
        self.destination = destination
        self.salt = salt
        self.codeDigest = codeDigest
        self.attempts = attempts
        self.expiresAt = expiresAt
        self.verifiedAt = verifiedAt
    }

    /// A new verification of `destination` (see ``destination(of:channel:)``) placed at `now`, and
    /// the code to send: six digits from the system's CSPRNG.
    public static func start(
        id: UUID, channel: Channel, destination: String, now: Date, configuration: Configuration = Configuration()
    ) -> (verification: ContactVerification, code: String) {
        var generator = SecureRandomNumberGenerator()
        let code = String(UInt32.random(in: 0..<1_000_000, using: &generator), minimumDigits: 6)
        let salt = SecureRandom.bytes(count: 16)
        let verification = ContactVerification(
            id: id, channel: channel, destination: destination, salt: salt, codeDigest: digest(code, salt: salt), attempts: 0,
            expiresAt: now.adding(configuration.codeLifetime))
        return (verification, code)
    }

    /// Checks a typed code at `now`; on success the verification is verified from `now`.
    public mutating func confirm(_ typed: String, now: Date, configuration: Configuration = Configuration()) throws(Failure) {
        guard verifiedAt == nil else { return }
        guard now < expiresAt, attempts < configuration.maximumAttempts else { throw .expired }
        let normalized = String(typed.unicodeScalars.filter { $0 != " " && $0 != "-" })
        guard constantTimeEquals(Self.digest(normalized, salt: salt), codeDigest) else {
            attempts += 1
            throw attempts >= configuration.maximumAttempts ? .expired : .wrongCode
        }
        verifiedAt = now
    }

    /// Until when the verified contact may be used to book (`nil` until verified).
    public func verifiedUntil(configuration: Configuration = Configuration()) -> Date? {
        verifiedAt.map { $0.adding(configuration.verifiedLifetime) }
    }

    /// The destination to verify for `contact` through `channel`, or `nil` when the contact has no
    /// phone (SMS) or no email (email).
    public static func destination(of contact: ContactDetails, channel: Channel) -> String? {
        switch channel {
        case .sms: contact.phone?.e164
        case .email: contact.email?.lowercased
        }
    }

    /// The digest of `code` under `salt`.
    static func digest(_ code: String, salt: [UInt8]) -> [UInt8] {
        HMAC.sha256(key: salt, data: code)
    }
}

extension Date {
    /// The instant `duration` later (whole seconds).
    func adding(_ duration: Duration) -> Date {
        Date(secondsSince1970: secondsSince1970 + duration.wholeSeconds)
    }
}
