public import FoundationEssentials
import GuichetCrypto

/// The ids of a booking's reminders, derived from the booking, its sequence (bumped by every move
/// and cancellation), the channel and the reminder's rank — never drawn at random. A change that
/// makes the reminders moot (a move, a cancellation, a no-show) names them from the booking it
/// read, in the same one-round-trip transaction, without reading them first; and the reminders a
/// move records (at the next sequence) can never be confused with those it withdraws.
public enum ReminderIdentity {
    /// The id of the reminder of rank `rank` (0 for the earliest) by `channel` of `booking` at `sequence`:
    /// a version 8 UUID (RFC 9562) made of the first bytes of a SHA-256.
    public static func id(booking: UUID, sequence: Int, channel: AppointmentMessage.Channel, rank: Int) -> UUID {
        var bytes = SHA256.hash("appointments.reminder:\(booking.lowercaseString):\(sequence):\(channel.rawValue):\(rank)")
        bytes[6] = 0x80 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// Every id a reminder of `booking` at `sequence` may have: each channel, each rank a schedule
    /// allows (``ReminderSchedule/maximumCount``).
    public static func all(booking: UUID, sequence: Int) -> [UUID] {
        AppointmentMessage.Channel.allCases.flatMap { channel in
            (0..<ReminderSchedule.maximumCount).map { id(booking: booking, sequence: sequence, channel: channel, rank: $0) }
        }
    }
}
