import GuichetCore

/// The default words of the messages, in French, Arabic and English, with `{{variables}}` whose
/// values ``BookingNotice`` computes: the SMS text of each kind, and the email's subject and the
/// lines it adds around that text. ``AppointmentTemplates`` makes them the templates tenants may
/// reword.
enum MessageTexts {
    static let subjects: [AppointmentMessage.Kind: LocalizedText] = [
        .verificationCode: LocalizedText(fr: "Code de vérification", ar: "رمز التحقق", en: "Verification code"),
        .confirmation: LocalizedText(fr: "Rendez-vous confirmé — {{date}} à {{time}}", ar: "تأكيد الموعد — {{date}} على الساعة {{time}}",
                                     en: "Appointment confirmed — {{date}} at {{time}}"),
        .reminder: LocalizedText(fr: "Rappel de rendez-vous — {{date}} à {{time}}", ar: "تذكير بالموعد — {{date}} على الساعة {{time}}",
                                 en: "Appointment reminder — {{date}} at {{time}}"),
        .cancellation: LocalizedText(fr: "Rendez-vous annulé", ar: "إلغاء الموعد", en: "Appointment cancelled"),
        .moved: LocalizedText(fr: "Rendez-vous déplacé — {{date}} à {{time}}", ar: "تغيير الموعد — {{date}} على الساعة {{time}}",
                              en: "Appointment moved — {{date}} at {{time}}"),
        .rescheduled: LocalizedText(fr: "Rendez-vous reporté — {{date}} à {{time}}", ar: "تأجيل الموعد — {{date}} على الساعة {{time}}",
                                    en: "Appointment rescheduled — {{date}} at {{time}}"),
        .unresolved: LocalizedText(fr: "Rendez-vous à reprogrammer", ar: "موعد يجب إعادة برمجته", en: "Appointment to rearrange"),
        .waitingListOffer: LocalizedText(fr: "Un créneau s'est libéré", ar: "موعد أصبح متاحًا", en: "A slot is free"),
    ]

    /// The text of each kind: the whole SMS, and the heart of the email.
    static let bodies: [AppointmentMessage.Kind: LocalizedText] = [
        .verificationCode: LocalizedText(
            fr: "Votre code de vérification : {{code}}. Il expire dans 10 minutes.",
            ar: "رمز التحقق الخاص بك: {{code}}. تنتهي صلاحيته بعد 10 دقائق.",
            en: "Your verification code: {{code}}. It expires in 10 minutes."),
        .confirmation: LocalizedText(
            fr: "Rendez-vous confirmé : {{service}}, {{site}}, le {{date}} à {{time}}. Code : {{code}}.",
            ar: "تم تأكيد موعدك: {{service}}، {{site}}، يوم {{date}} على الساعة {{time}}. الرمز: {{code}}.",
            en: "Appointment confirmed: {{service}}, {{site}}, on {{date}} at {{time}}. Code: {{code}}."),
        .reminder: LocalizedText(
            fr: "Rappel : rendez-vous {{service}}, {{site}}, le {{date}} à {{time}}. Code : {{code}}.",
            ar: "تذكير: موعد {{service}}، {{site}}، يوم {{date}} على الساعة {{time}}. الرمز: {{code}}.",
            en: "Reminder: {{service}} appointment, {{site}}, on {{date}} at {{time}}. Code: {{code}}."),
        .cancellation: LocalizedText(
            fr: "Votre rendez-vous {{service}} du {{date}} à {{time}} est annulé. Code : {{code}}.",
            ar: "تم إلغاء موعدك {{service}} يوم {{date}} على الساعة {{time}}. الرمز: {{code}}.",
            en: "Your {{service}} appointment on {{date}} at {{time}} is cancelled. Code: {{code}}."),
        .moved: LocalizedText(
            fr: "Votre rendez-vous {{service}} est déplacé au {{date}} à {{time}}, {{site}}. Code : {{code}}.",
            ar: "تم تغيير موعدك {{service}} إلى يوم {{date}} على الساعة {{time}}، {{site}}. الرمز: {{code}}.",
            en: "Your {{service}} appointment is moved to {{date}} at {{time}}, {{site}}. Code: {{code}}."),
        .rescheduled: LocalizedText(
            fr: "En raison d'une indisponibilité, votre rendez-vous {{service}} est reporté au {{date}} à {{time}}, {{site}}. "
                + "Vous pouvez le déplacer ou l'annuler avec le code {{code}}.",
            ar: "بسبب عدم التوفر، تم تأجيل موعدك {{service}} إلى يوم {{date}} على الساعة {{time}}، {{site}}. "
                + "يمكنك تغييره أو إلغاؤه بالرمز {{code}}.",
            en: "Because of an unavailability, your {{service}} appointment is moved to {{date}} at {{time}}, {{site}}. "
                + "You may move or cancel it with the code {{code}}."),
        .unresolved: LocalizedText(
            fr: "En raison d'une indisponibilité, votre rendez-vous {{service}} du {{date}} à {{time}} ne peut pas être assuré. "
                + "Merci d'appeler {{site}} au {{phone}}. Code : {{code}}.",
            ar: "بسبب عدم التوفر، لا يمكن ضمان موعدك {{service}} يوم {{date}} على الساعة {{time}}. "
                + "يرجى الاتصال بـ{{site}} على الرقم {{phone}}. الرمز: {{code}}.",
            en: "Because of an unavailability, your {{service}} appointment on {{date}} at {{time}} cannot be kept. "
                + "Please call {{site}} on {{phone}}. Code: {{code}}."),
        .waitingListOffer: LocalizedText(
            fr: "Un créneau s'est libéré : {{service}}, {{site}}, le {{date}} à {{time}}. Il vous est réservé jusqu'au {{until_date}} "
                + "à {{until_time}} : confirmez-le avec la réservation {{hold}}.",
            ar: "أصبح موعد متاحًا: {{service}}، {{site}}، يوم {{date}} على الساعة {{time}}. إنه محجوز لك حتى {{until_date}} "
                + "على الساعة {{until_time}}: أكده بالحجز {{hold}}.",
            en: "A slot is free: {{service}}, {{site}}, on {{date}} at {{time}}. It is held for you until {{until_date}} at {{until_time}}: "
                + "confirm it with the hold {{hold}}."),
    ]

    /// The email's first line.
    static let greeting = LocalizedText(fr: "Bonjour,", ar: "مرحبًا،", en: "Hello,")
    /// The email's line with the site's address and phone (for the kinds about a place and time).
    static let place = LocalizedText(
        fr: "Adresse : {{address}}\nTéléphone : {{phone}}", ar: "العنوان: {{address}}\nالهاتف: {{phone}}",
        en: "Address: {{address}}\nPhone: {{phone}}")
    /// The email's line on what the booking code is for.
    static let codeUse = LocalizedText(
        fr: "Gardez le code {{code}} : il vous permet de déplacer ou d'annuler votre rendez-vous.",
        ar: "احتفظوا بالرمز {{code}}: فهو يتيح لكم تغيير موعدكم أو إلغاءه.",
        en: "Keep the code {{code}}: it lets you move or cancel your appointment.")
    /// The email's last line.
    static let automatic = LocalizedText(
        fr: "Ce message est envoyé automatiquement, merci de ne pas y répondre.", ar: "هذه رسالة آلية، يرجى عدم الرد عليها.",
        en: "This message is sent automatically; please do not reply to it.")
}
