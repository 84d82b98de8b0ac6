// Morocco's public holidays: the fixed national days, and default dates for the Hijri feasts of
// 2026 and 2027.
//
// The Hijri dates below are estimates from the astronomical calendar, placed where Morocco's
// moon sighting usually puts them (often a day after the Gulf states). They are defaults that a
// tenant's administrator confirms or corrects each year once the Ministry of Habous and Islamic
// Affairs announces the dates; a tenant stores its own list (see ``HolidaySet``).

extension PublicHoliday {
    /// Morocco's fixed national holidays, every year: 1 January, 11 January, 14 January (since
    /// 2024), 1 May, 30 July, 14 August, 20 August, 21 August, 6 November and 18 November.
    public static let moroccoFixed: [PublicHoliday] = [
        .yearly(LocalizedText(fr: "Nouvel An", ar: "رأس السنة الميلادية", en: "New Year's Day"), month: 1, day: 1),
        .yearly(
            LocalizedText(
                fr: "Manifeste de l'Indépendance", ar: "ذكرى تقديم وثيقة المطالبة بالاستقلال",
                en: "Proclamation of Independence Day"),
            month: 1, day: 11),
        .yearly(
            LocalizedText(fr: "Nouvel An amazigh", ar: "رأس السنة الأمازيغية", en: "Amazigh New Year"),
            month: 1, day: 14, since: 2024),
        .yearly(LocalizedText(fr: "Fête du Travail", ar: "عيد الشغل", en: "Labour Day"), month: 5, day: 1),
        .yearly(LocalizedText(fr: "Fête du Trône", ar: "عيد العرش", en: "Throne Day"), month: 7, day: 30),
        .yearly(
            LocalizedText(
                fr: "Allégeance de Oued Eddahab", ar: "ذكرى استرجاع إقليم وادي الذهب", en: "Oued Ed-Dahab Day"),
            month: 8, day: 14),
        .yearly(
            LocalizedText(
                fr: "Révolution du Roi et du Peuple", ar: "ذكرى ثورة الملك والشعب",
                en: "Revolution of the King and the People"),
            month: 8, day: 20),
        .yearly(LocalizedText(fr: "Fête de la Jeunesse", ar: "عيد الشباب", en: "Youth Day"), month: 8, day: 21),
        .yearly(LocalizedText(fr: "Marche Verte", ar: "ذكرى المسيرة الخضراء", en: "Green March Day"), month: 11, day: 6),
        .yearly(LocalizedText(fr: "Fête de l'Indépendance", ar: "عيد الاستقلال", en: "Independence Day"), month: 11, day: 18),
    ]

    /// Eid al-Fitr (1–2 Shawwal), two days.
    public static func eidAlFitr(_ start: LocalDate) -> PublicHoliday {
        .dated(LocalizedText(fr: "Aïd al-Fitr", ar: "عيد الفطر", en: "Eid al-Fitr"), start: start, days: 2)
    }

    /// Eid al-Adha (10–11 Dhu al-Hijjah), two days.
    public static func eidAlAdha(_ start: LocalDate) -> PublicHoliday {
        .dated(LocalizedText(fr: "Aïd al-Adha", ar: "عيد الأضحى", en: "Eid al-Adha"), start: start, days: 2)
    }

    /// The Islamic New Year (1 Muharram), one day.
    public static func islamicNewYear(_ day: LocalDate) -> PublicHoliday {
        .dated(LocalizedText(fr: "Nouvel An de l'Hégire", ar: "فاتح محرم", en: "Islamic New Year"), start: day, days: 1)
    }

    /// The Prophet's birthday (12–13 Rabi' al-Awwal), two days.
    public static func mawlid(_ start: LocalDate) -> PublicHoliday {
        .dated(LocalizedText(fr: "Aïd al-Mawlid", ar: "عيد المولد النبوي", en: "Mawlid"), start: start, days: 2)
    }

    /// Default dates of the Hijri feasts in 2026 (estimates an administrator confirms): Eid
    /// al-Fitr 20–21 March, Eid al-Adha 27–28 May, 1 Muharram 1448 on 17 June, Mawlid 25–26 August.
    public static let moroccoMovable2026: [PublicHoliday] = [
        eidAlFitr(day(2026, 3, 20)), eidAlAdha(day(2026, 5, 27)), islamicNewYear(day(2026, 6, 17)), mawlid(day(2026, 8, 25)),
    ]

    /// Default dates of the Hijri feasts in 2027 (estimates an administrator confirms): Eid
    /// al-Fitr 10–11 March, Eid al-Adha 17–18 May, 1 Muharram 1449 on 6 June, Mawlid 15–16 August.
    public static let moroccoMovable2027: [PublicHoliday] = [
        eidAlFitr(day(2027, 3, 10)), eidAlAdha(day(2027, 5, 17)), islamicNewYear(day(2027, 6, 6)), mawlid(day(2027, 8, 15)),
    ]

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        guard let date = LocalDate(year: year, month: month, day: day) else {
            preconditionFailure("Invalid built-in holiday date \(year)-\(month)-\(day)")
        }
        return date
    }
}

extension HolidaySet {
    /// Morocco's default holidays: the fixed national days and the estimated Hijri feasts of 2026
    /// and 2027 (see ``PublicHoliday/moroccoMovable2026``).
    public static let moroccoDefault = HolidaySet(
        PublicHoliday.moroccoFixed + PublicHoliday.moroccoMovable2026 + PublicHoliday.moroccoMovable2027)
}
