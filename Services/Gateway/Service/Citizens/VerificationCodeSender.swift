import GuichetCore

/// Delivers the one-time codes that verify a citizen's email address or phone number.
///
/// Two implementations: `LoggedVerificationCodes` (development only: the code goes to the log)
/// and, once the notifications issue lands, one that writes the message to the notification
/// outbox in the same transaction as the account. The gateway takes any through
/// `Gateway.definition(verificationCodes:)`.
public protocol VerificationCodeSender: Sendable {
    /// Sends `message`; throws when it could not be handed over.
    func send(_ message: VerificationMessage) async throws
}

/// What a citizen is sent while signing up.
public struct VerificationMessage: Sendable, Hashable {
    /// Why the message is sent.
    public enum Purpose: String, Sendable, Hashable {
        /// A code to enter to activate a new account.
        case signUp = "sign_up"
        /// Someone signed up with an address that already has an account: a notice, no code (the
        /// answer to the sign-up is the same either way, so nobody learns who has an account).
        case accountExists = "account_exists"
    }

    /// Where the message goes.
    public enum Destination: Sendable, Hashable {
        /// An email address (lower case).
        case email(String)
        /// A phone number in E.164.
        case phone(String)
    }

    /// Why it is sent.
    public var purpose: Purpose
    /// Where it goes.
    public var destination: Destination
    /// The code, for `signUp`.
    public var code: String?
    /// The language to write it in.
    public var language: Language

    /// A message from its parts.
    public init(purpose: Purpose, destination: Destination, code: String?, language: Language) {
        self.purpose = purpose
        self.destination = destination
        self.code = code
        self.language = language
    }
}

/// Development only (`GUICHET_VERIFICATION_CODES=log`): writes each code to the log at warning
/// level instead of sending it, so a developer can sign up without a mail or SMS gateway. Never
/// for production: anyone reading the logs could take over sign-ups.
public struct LoggedVerificationCodes: VerificationCodeSender {
    private let logger: Logger

    /// Codes written through `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Logs `message` (its code included) at warning level.
    public func send(_ message: VerificationMessage) async throws {
        let destination: String
        switch message.destination {
        case .email(let address): destination = address
        case .phone(let number): destination = number
        }
        logger.warning(
            "development mode: verification message not sent, logged instead",
            [
                "purpose": .string(message.purpose.rawValue), "destination": .string(destination),
                "code": message.code.map(JSONValue.string) ?? .null,
            ])
    }
}
