public import FoundationEssentials
public import GuichetCore

/// Something the service must tell a person — a verification code, a confirmation, a reminder, a
/// cancellation, a move, an offer from the waiting list — recorded in the transaction of the change
/// that causes it and delivered later by the notification outbox.
///
/// Each message has a stable id (receivers de-duplicate on it), one channel and destination, the
/// person's language, the instant before which it must not be sent (reminders), and the values of
/// its template's variables (`date`, `time`, `site`, `address`, `code`… in the tenant's wall time):
/// the words themselves are the templates' (``MessageTexts`` by default, or the tenant's own),
/// rendered when the message is delivered.
public struct AppointmentMessage: Sendable, Hashable, Identifiable {
    /// What the message is about.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The one-time code proving a phone number or an email address.
        case verificationCode = "verification_code"
        /// A booking was made.
        case confirmation
        /// A booking is coming (48 h, 2 h before by default).
        case reminder
        /// A booking was cancelled.
        case cancellation
        /// A booking was moved (by its holder or an agent).
        case moved
        /// The administration moved a booking (an absence, a closure, a holiday).
        case rescheduled
        /// The administration could not keep a booking and found no other slot: please call.
        case unresolved
        /// A slot freed up for a person on the waiting list, held for them for a while.
        case waitingListOffer = "waiting_list_offer"
    }

    /// How the message travels.
    public typealias Channel = ContactVerification.Channel

    /// The message's id (stable across retries of delivery).
    public var id: UUID
    /// The booking it is about, if any.
    public var bookingID: UUID?
    /// What it is about.
    public var kind: Kind
    /// SMS or email.
    public var channel: Channel
    /// The phone number (E.164) or email address.
    public var destination: String
    /// The person's language.
    public var language: Language
    /// Not to be sent before this instant.
    public var deliverAfter: Date
    /// The values of the template's variables.
    public var variables: [String: String]

    /// A message from its parts.
    public init(
        id: UUID, bookingID: UUID?, kind: Kind, channel: Channel, destination: String, language: Language, deliverAfter: Date,
        variables: [String: String]
    ) {
        self.id = id
        self.bookingID = bookingID
        self.kind = kind
        self.channel = channel
        self.destination = destination
        self.language = language
        self.deliverAfter = deliverAfter
        self.variables = variables
    }

    /// One message per way to reach `contact` (SMS to the phone, email to the address).
    public static func to(
        _ contact: ContactDetails, bookingID: UUID?, kind: Kind, language: Language, deliverAfter: Date, variables: [String: String],
        makeID: (Channel) -> UUID = { _ in .timeOrdered() }
    ) -> [AppointmentMessage] {
        var messages: [AppointmentMessage] = []
        if let phone = contact.phone?.e164 {
            messages.append(
                AppointmentMessage(
                    id: makeID(.sms), bookingID: bookingID, kind: kind, channel: .sms, destination: phone, language: language,
                    deliverAfter: deliverAfter, variables: variables))
        }
        if let email = contact.email?.lowercased {
            messages.append(
                AppointmentMessage(
                    id: makeID(.email), bookingID: bookingID, kind: kind, channel: .email, destination: email, language: language,
                    deliverAfter: deliverAfter, variables: variables))
        }
        return messages
    }

    /// The code message of a verification: the code, and when it expires (RFC 3339, UTC).
    public static func verificationCode(
        _ code: String, verification: ContactVerification, language: Language, now: Date
    ) -> AppointmentMessage {
        AppointmentMessage(
            id: .timeOrdered(), bookingID: nil, kind: .verificationCode, channel: verification.channel,
            destination: verification.destination, language: language, deliverAfter: now,
            variables: ["code": code, "expires_at": RFC3339.formatUTC(verification.expiresAt)])
    }
}
