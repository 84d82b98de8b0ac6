import GuichetCore
import GuichetPostgres

/// Delivers the one-time codes that verify a citizen's email address or phone number, and the
/// notice sent instead when the address already has an account.
///
/// Sign-up calls it in two steps: ``recording(_:)`` gives the statements that go into the very
/// transaction storing the code (so a message exists if and only if the sign-up committed), then
/// ``send(_:)`` runs once that transaction committed.
///
/// Two implementations, chosen by `GUICHET_VERIFICATION_CODES` (see
/// ``GatewayConfiguration/VerificationCodeDelivery``): `OutboxVerificationCodes` records the
/// message in the gateway's notification outbox (email or SMS, in the citizen's language, from
/// the templates of `CitizenNotifications`) and the kit's dispatcher delivers it; and
/// ``LoggedVerificationCodes`` (development only) writes the code to the log. Tests hand their own
/// recorder to `Gateway.definition(verificationCodes:)`.
public protocol VerificationCodeSender: Sendable {
    /// Whether this sender can write to `destination` at all (the outbox cannot reach a phone when
    /// no SMS provider is configured). Sign-up with an identifier it cannot reach answers 503
    /// before anything is stored, whoever the identifier belongs to.
    func canSend(to destination: VerificationMessage.Destination) -> Bool

    /// The statements that record `message` inside the transaction storing the code (or finding
    /// that the account exists); empty for a sender that sends after the commit.
    func recording(_ message: VerificationMessage) throws -> [PostgresQuery]

    /// Sends `message` once the transaction committed; throws when it could not be handed over.
    /// A sender whose ``recording(_:)`` already wrote the message does nothing here.
    func send(_ message: VerificationMessage) async throws
}

extension VerificationCodeSender {
    /// Every destination, by default.
    public func canSend(to destination: VerificationMessage.Destination) -> Bool { true }

    /// Nothing to record, by default: the message is sent after the commit.
    public func recording(_ message: VerificationMessage) throws -> [PostgresQuery] { [] }

    /// Nothing to do after the commit, by default: the message was recorded with it.
    public func send(_ message: VerificationMessage) async throws {}
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

/// Development only (`GUICHET_VERIFICATION_CODES=log`, never chosen by default): writes each code
/// to the log at warning level instead of sending it, so a developer can sign up without a mail or
/// SMS gateway. Never for production: anyone reading the logs could take over sign-ups. In every
/// other mode no code reaches a log line: the outbox's payload holds it, and the dispatcher logs
/// only ids, channels, topics and outcomes.
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
