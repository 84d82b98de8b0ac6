import FoundationEssentials
import GuichetCore

/// Dates and times written for people in French, Arabic and English, in the tenant's time zone
/// (`10 mars 2026 à 10:00`, `10 مارس 2026 على الساعة 10:00`, `10 March 2026 at 10:00`).
///
/// Arabic month names are those used in Morocco (يناير … ماي … يوليوز غشت شتنبر … نونبر دجنبر) and digits
/// are written as Western Arabic digits, as Moroccan administrations do.
public enum MailDateText {
    /// The day, e.g. `9 avril 2026`.
    public static func day(_ date: LocalDate, in language: Language) -> String {
        let month = monthNames(language)[date.month - 1]
        return "\(date.day) \(month) \(date.year)"
    }

    /// The day and local time of `instant` in `timeZone`, e.g. `10 mars 2026 à 10:00`.
    public static func dayAndTime(_ instant: Date, in timeZone: TimeZone, language: Language) -> String {
        let (date, secondOfDay) = instant.localDateAndTime(in: timeZone)
        let time = String(secondOfDay / 3600, minimumDigits: 2) + ":" + String(secondOfDay / 60 % 60, minimumDigits: 2)
        let connector =
            switch language {
            case .fr: "à"
            case .ar: "على الساعة"
            case .en: "at"
            }
        return "\(day(date, in: language)) \(connector) \(time)"
    }

    static func monthNames(_ language: Language) -> [String] {
        switch language {
        case .fr:
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        case .ar: ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"]
        case .en:
            ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        }
    }
}
