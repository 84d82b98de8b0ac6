import GuichetCore

/// The texts of the messages, in French, Arabic and English, with `{placeholders}` filled by
/// ``BookingNotice``. Dates are written `YYYY-MM-DD` and times `HH:MM`, in the tenant's wall time.
enum MessageTexts {
    static let verificationSubject = LocalizedText(fr: "Code de vérification", ar: "رمز التحقق", en: "Verification code")
    static let verificationCode = LocalizedText(
        fr: "Votre code de vérification : {code}. Il expire dans 10 minutes.",
        ar: "رمز التحقق الخاص بك: {code}. تنتهي صلاحيته بعد 10 دقائق.",
        en: "Your verification code: {code}. It expires in 10 minutes.")

    static let subjects: [AppointmentMessage.Kind: LocalizedText] = [
        .confirmation: LocalizedText(fr: "Rendez-vous confirmé", ar: "تأكيد الموعد", en: "Appointment confirmed"),
        .reminder: LocalizedText(fr: "Rappel de rendez-vous", ar: "تذكير بالموعد", en: "Appointment reminder"),
        .cancellation: LocalizedText(fr: "Rendez-vous annulé", ar: "إلغاء الموعد", en: "Appointment cancelled"),
        .moved: LocalizedText(fr: "Rendez-vous déplacé", ar: "تغيير الموعد", en: "Appointment moved"),
        .rescheduled: LocalizedText(fr: "Rendez-vous reporté", ar: "تأجيل الموعد", en: "Appointment rescheduled"),
        .unresolved: LocalizedText(fr: "Rendez-vous à reprogrammer", ar: "موعد يجب إعادة برمجته", en: "Appointment to rearrange"),
        .waitingListOffer: LocalizedText(fr: "Un créneau s'est libéré", ar: "موعد أصبح متاحًا", en: "A slot is free"),
    ]

    static let bodies: [AppointmentMessage.Kind: LocalizedText] = [
        .confirmation: LocalizedText(
            fr: "Rendez-vous confirmé : {service}, {site}, le {date} à {time}. Code : {code}.",
            ar: "تم تأكيد موعدك: {service}، {site}، يوم {date} على الساعة {time}. الرمز: {code}.",
            en: "Appointment confirmed: {service}, {site}, on {date} at {time}. Code: {code}."),
        .reminder: LocalizedText(
            fr: "Rappel : rendez-vous {service}, {site}, le {date} à {time}. Code : {code}.",
            ar: "تذكير: موعد {service}، {site}، يوم {date} على الساعة {time}. الرمز: {code}.",
            en: "Reminder: {service} appointment, {site}, on {date} at {time}. Code: {code}."),
        .cancellation: LocalizedText(
            fr: "Votre rendez-vous {service} du {date} à {time} est annulé. Code : {code}.",
            ar: "تم إلغاء موعدك {service} يوم {date} على الساعة {time}. الرمز: {code}.",
            en: "Your {service} appointment on {date} at {time} is cancelled. Code: {code}."),
        .moved: LocalizedText(
            fr: "Votre rendez-vous {service} est déplacé au {date} à {time}, {site}. Code : {code}.",
            ar: "تم تغيير موعدك {service} إلى يوم {date} على الساعة {time}، {site}. الرمز: {code}.",
            en: "Your {service} appointment is moved to {date} at {time}, {site}. Code: {code}."),
        .rescheduled: LocalizedText(
            fr: "En raison d'une indisponibilité, votre rendez-vous {service} est reporté au {date} à {time}, {site}. "
                + "Vous pouvez le déplacer ou l'annuler avec le code {code}.",
            ar: "بسبب عدم التوفر، تم تأجيل موعدك {service} إلى يوم {date} على الساعة {time}، {site}. "
                + "يمكنك تغييره أو إلغاؤه بالرمز {code}.",
            en: "Because of an unavailability, your {service} appointment is moved to {date} at {time}, {site}. "
                + "You may move or cancel it with the code {code}."),
        .unresolved: LocalizedText(
            fr: "En raison d'une indisponibilité, votre rendez-vous {service} du {date} à {time} ne peut pas être assuré. "
                + "Merci d'appeler {site} au {phone}. Code : {code}.",
            ar: "بسبب عدم التوفر، لا يمكن ضمان موعدك {service} يوم {date} على الساعة {time}. "
                + "يرجى الاتصال بـ{site} على الرقم {phone}. الرمز: {code}.",
            en: "Because of an unavailability, your {service} appointment on {date} at {time} cannot be kept. "
                + "Please call {site} on {phone}. Code: {code}."),
        .waitingListOffer: LocalizedText(
            fr: "Un créneau s'est libéré : {service}, {site}, le {date} à {time}. Il vous est réservé jusqu'au {until_date} "
                + "à {until_time} : confirmez-le avec la réservation {hold}.",
            ar: "أصبح موعد متاحًا: {service}، {site}، يوم {date} على الساعة {time}. إنه محجوز لك حتى {until_date} "
                + "على الساعة {until_time}: أكده بالحجز {hold}.",
            en: "A slot is free: {service}, {site}, on {date} at {time}. It is held for you until {until_date} at {until_time}: "
                + "confirm it with the hold {hold}."),
    ]
}
