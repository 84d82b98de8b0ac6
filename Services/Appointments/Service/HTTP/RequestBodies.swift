import FoundationEssentials
import GuichetCore

// The JSON bodies the routes accept (snake_case on the wire). Decoding checks types and required
// members; the domain checks the rest and reports every invalid field with its JSON pointer.

struct LocationBody: Decodable {
    let latitude: Double
    let longitude: Double
}

struct SiteBody: Decodable {
    let name: LocalizedText
    let address: LocalizedText
    let location: LocationBody?
    let phone: String
    let openingHours: [String: [String]]
}

struct BookingWindowBody: Decodable {
    let minimumNoticeMinutes: Int?
    let maximumHorizonMinutes: Int?
}

struct ServiceBody: Decodable {
    let name: LocalizedText
    let durationMinutes: Int
    let bufferMinutes: Int?
    let capacity: Int?
    let requiredDocuments: LocalizedText?
    let bookingWindow: BookingWindowBody?
    let cancellationCutoffMinutes: Int?
    let moveCutoffMinutes: Int?
    let channels: [String]?
    let perPersonCap: Int?
    let sites: [UUID]
    let ticketPrefix: String?
}

struct CounterBody: Decodable {
    let site: UUID
    let label: String
    let agent: UUID?
    let services: [UUID]?
    let schedule: [String: [String]]
}

struct ExceptionBody: Decodable {
    /// `true` for a closed day; otherwise `hours` are the day's open ranges.
    let closed: Bool?
    let hours: [String]?
    let reason: String?
}

struct ClosureBody: Decodable {
    let date: String
    let reason: String?
}

struct AbsenceBody: Decodable {
    let counter: UUID
    let start: String
    let end: String
    let reason: String?
}

struct HolidayExtrasBody: Decodable {
    let closedHours: [String]?
}

struct SettingsBody: Decodable {
    let timeZone: String?
    let reminderMinutes: [Int]?
    let holdMinutes: Int?
    let noShowGraceMinutes: Int?
    let waitingListOfferMinutes: Int?
    let contactVerification: String?
}

struct HoldBody: Decodable {
    let site: UUID
    let service: UUID
    let start: String
}

struct ContactBody: Decodable {
    let name: String?
    let phone: String?
    let email: String?
}

struct VerificationBody: Decodable {
    let channel: String?
    let phone: String?
    let email: String?
    let language: String?
}

struct VerificationCodeBody: Decodable {
    let code: String
}

struct OverrideBody: Decodable {
    let reason: String
}

struct BookingBody: Decodable {
    let site: UUID
    let service: UUID
    let start: String
    let contact: ContactBody
    let channel: String?
    let hold: UUID?
    let verification: UUID?
    let language: String?
    let override: OverrideBody?
}

struct CancelBody: Decodable {
    let phoneOrEmail: String?
    let override: OverrideBody?
}

struct MoveBody: Decodable {
    let start: String
    let phoneOrEmail: String?
    let override: OverrideBody?
}

struct NoShowBody: Decodable {
    let override: OverrideBody?
}

struct TicketBody: Decodable {
    let site: UUID
    let service: UUID
}

struct CallBody: Decodable {
    let site: UUID
    let counter: UUID
}

struct WaitingListBody: Decodable {
    let site: UUID
    let service: UUID
    let date: String
    let contact: ContactBody
    let verification: UUID?
    let language: String?
}

struct WithdrawBody: Decodable {
    let phoneOrEmail: String
}
