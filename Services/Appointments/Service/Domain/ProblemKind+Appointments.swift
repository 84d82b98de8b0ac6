public import GuichetCore

// The problems of the appointments domain, each with its own stable code so that clients can tell
// them apart (a start off the grid is not a start in the past).

extension ProblemKind {
    /// 422: the service is not offered at the site (or no counter there handles it).
    public static let serviceNotOffered = ProblemKind(
        code: "service_not_offered", status: 422,
        title: LocalizedText(fr: "Prestation non proposée sur ce site", ar: "الخدمة غير متوفرة في هذا الموقع", en: "Service not offered at this site"),
        detail: LocalizedText(
            fr: "Cette prestation ne peut pas être réservée sur ce site.",
            ar: "لا يمكن حجز هذه الخدمة في هذا الموقع.",
            en: "This service cannot be booked at this site."))

    /// 422: the service cannot be booked through this channel (web, mobile, phone, desk).
    public static let channelNotAllowed = ProblemKind(
        code: "channel_not_allowed", status: 422,
        title: LocalizedText(fr: "Canal non autorisé", ar: "قناة الحجز غير مسموح بها", en: "Channel not allowed"),
        detail: LocalizedText(
            fr: "Cette prestation ne peut pas être réservée par ce canal.",
            ar: "لا يمكن حجز هذه الخدمة عبر هذه القناة.",
            en: "This service cannot be booked through this channel."))

    /// 422: the requested start is in the past.
    public static let slotInPast = ProblemKind(
        code: "slot_in_past", status: 422,
        title: LocalizedText(fr: "Créneau passé", ar: "الموعد في الماضي", en: "Slot in the past"),
        detail: LocalizedText(
            fr: "Le créneau demandé est déjà passé.",
            ar: "الموعد المطلوب قد مضى.",
            en: "The requested slot is already in the past."))

    /// 422: the requested start is sooner than the minimum notice or later than the horizon.
    public static let slotOutsideWindow = ProblemKind(
        code: "slot_outside_window", status: 422,
        title: LocalizedText(fr: "Créneau hors de la période de réservation", ar: "الموعد خارج فترة الحجز", en: "Slot outside the booking window"),
        detail: LocalizedText(
            fr: "Ce créneau est trop proche ou trop éloigné pour être réservé.",
            ar: "هذا الموعد قريب جدًا أو بعيد جدًا ولا يمكن حجزه.",
            en: "This slot is too soon or too far ahead to be booked."))

    /// 422: the requested start falls on a holiday (or in a holiday's closed hours).
    public static let slotOnHoliday = ProblemKind(
        code: "slot_on_holiday", status: 422,
        title: LocalizedText(fr: "Jour férié", ar: "يوم عطلة", en: "Holiday"),
        detail: LocalizedText(
            fr: "Le service est fermé ce jour-là (jour férié).",
            ar: "المصلحة مغلقة في هذا اليوم (يوم عطلة).",
            en: "The office is closed on that day (holiday)."))

    /// 422: the requested slot is not inside the opening hours of the site and its counters.
    public static let slotOutsideOpeningHours = ProblemKind(
        code: "slot_outside_opening_hours", status: 422,
        title: LocalizedText(fr: "Créneau hors des heures d'ouverture", ar: "الموعد خارج أوقات العمل", en: "Slot outside opening hours"),
        detail: LocalizedText(
            fr: "Le créneau demandé est en dehors des heures d'ouverture.",
            ar: "الموعد المطلوب خارج أوقات العمل.",
            en: "The requested slot is outside opening hours."))

    /// 422: the requested start is not one of the slot starts the schedule offers.
    public static let slotNotOnGrid = ProblemKind(
        code: "slot_not_on_grid", status: 422,
        title: LocalizedText(fr: "Horaire de début invalide", ar: "وقت بداية غير صالح", en: "Start not on the slot grid"),
        detail: LocalizedText(
            fr: "L'heure demandée ne correspond pas au début d'un créneau. Choisissez un créneau proposé.",
            ar: "الوقت المطلوب لا يوافق بداية أي موعد. اختر موعدًا من المواعيد المقترحة.",
            en: "The requested time is not the start of a slot. Choose one of the slots offered."))

    /// 409: the slot has no seat left; the problem lists `next_slots`.
    public static let slotTaken = ProblemKind(
        code: "slot_taken", status: 409,
        title: LocalizedText(fr: "Créneau déjà pris", ar: "الموعد محجوز مسبقًا", en: "Slot taken"),
        detail: LocalizedText(
            fr: "Ce créneau vient d'être réservé. Voici les prochains créneaux libres.",
            ar: "تم حجز هذا الموعد للتو. هذه هي المواعيد المتاحة التالية.",
            en: "This slot has just been booked. Here are the next free slots."))

    /// 410: the hold on a slot has expired; the slot may have been taken since.
    public static let holdExpired = ProblemKind(
        code: "hold_expired", status: 410,
        title: LocalizedText(fr: "Réservation temporaire expirée", ar: "انتهت مدة الحجز المؤقت", en: "Hold expired"),
        detail: LocalizedText(
            fr: "Le créneau n'était retenu que quelques minutes et ce délai est écoulé. Choisissez à nouveau un créneau.",
            ar: "كان الموعد محجوزًا مؤقتًا لبضع دقائق وقد انتهت هذه المدة. اختر موعدًا من جديد.",
            en: "The slot was held for a few minutes only and that time is over. Choose a slot again."))

    /// 409: too late to cancel the booking.
    public static let cancellationCutoffPassed = ProblemKind(
        code: "cancellation_cutoff_passed", status: 409,
        title: LocalizedText(fr: "Annulation impossible", ar: "لا يمكن الإلغاء", en: "Too late to cancel"),
        detail: LocalizedText(
            fr: "Le délai d'annulation de ce rendez-vous est dépassé.",
            ar: "انتهت المهلة المسموح بها لإلغاء هذا الموعد.",
            en: "The deadline for cancelling this appointment has passed."))

    /// 409: too late to move the booking.
    public static let moveCutoffPassed = ProblemKind(
        code: "move_cutoff_passed", status: 409,
        title: LocalizedText(fr: "Modification impossible", ar: "لا يمكن تغيير الموعد", en: "Too late to move"),
        detail: LocalizedText(
            fr: "Le délai de modification de ce rendez-vous est dépassé.",
            ar: "انتهت المهلة المسموح بها لتغيير هذا الموعد.",
            en: "The deadline for moving this appointment has passed."))

    /// 409: the person already holds the most future bookings of this service allowed.
    public static let bookingLimitReached = ProblemKind(
        code: "booking_limit_reached", status: 409,
        title: LocalizedText(fr: "Nombre maximal de rendez-vous atteint", ar: "تم بلوغ الحد الأقصى للمواعيد", en: "Booking limit reached"),
        detail: LocalizedText(
            fr: "Vous avez déjà le nombre maximal de rendez-vous à venir pour cette prestation.",
            ar: "لديك بالفعل الحد الأقصى من المواعيد القادمة لهذه الخدمة.",
            en: "You already hold the maximum number of upcoming appointments for this service."))

    /// 409: the booking's status does not allow this action (cancelling a cancelled booking).
    public static let bookingStatusConflict = ProblemKind(
        code: "booking_status_conflict", status: 409,
        title: LocalizedText(fr: "Action impossible pour ce rendez-vous", ar: "إجراء غير ممكن لهذا الموعد", en: "Action not possible for this booking"),
        detail: LocalizedText(
            fr: "L'état actuel du rendez-vous ne permet pas cette action.",
            ar: "الحالة الحالية للموعد لا تسمح بهذا الإجراء.",
            en: "The booking's current status does not allow this action."))

    /// 409: check-in is only possible shortly before the appointment and until it ends.
    public static let checkInNotOpen = ProblemKind(
        code: "check_in_not_open", status: 409,
        title: LocalizedText(fr: "Enregistrement impossible maintenant", ar: "تسجيل الحضور غير متاح الآن", en: "Check-in not open"),
        detail: LocalizedText(
            fr: "L'enregistrement n'est possible que peu avant l'heure du rendez-vous et jusqu'à sa fin.",
            ar: "لا يمكن تسجيل الحضور إلا قبل موعدك بوقت قصير وحتى نهايته.",
            en: "Check-in is only possible shortly before the appointment and until it ends."))

    /// 409: the queue ticket's status does not allow this action (serving a ticket not called).
    public static let ticketStatusConflict = ProblemKind(
        code: "ticket_status_conflict", status: 409,
        title: LocalizedText(fr: "Action impossible pour ce ticket", ar: "إجراء غير ممكن لهذه التذكرة", en: "Action not possible for this ticket"),
        detail: LocalizedText(
            fr: "L'état actuel du ticket ne permet pas cette action.",
            ar: "الحالة الحالية للتذكرة لا تسمح بهذا الإجراء.",
            en: "The ticket's current status does not allow this action."))

    /// 422: booking needs a phone number or email address verified with a one-time code.
    public static let contactNotVerified = ProblemKind(
        code: "contact_not_verified", status: 422,
        title: LocalizedText(fr: "Coordonnées non vérifiées", ar: "معلومات الاتصال غير مؤكدة", en: "Contact not verified"),
        detail: LocalizedText(
            fr: "Vérifiez d'abord votre numéro de téléphone ou votre adresse e-mail avec le code reçu, puis réservez avec ces mêmes coordonnées.",
            ar: "تحقق أولًا من رقم هاتفك أو بريدك الإلكتروني بالرمز الذي توصلت به، ثم احجز بنفس المعلومات.",
            en: "First verify your phone number or email address with the code you received, then book with the same contact."))

    /// 422: the one-time code typed is not the one sent.
    public static let verificationCodeInvalid = ProblemKind(
        code: "verification_code_invalid", status: 422,
        title: LocalizedText(fr: "Code incorrect", ar: "رمز غير صحيح", en: "Wrong code"),
        detail: LocalizedText(
            fr: "Ce code ne correspond pas à celui qui vous a été envoyé.",
            ar: "هذا الرمز لا يطابق الرمز الذي أُرسل إليك.",
            en: "This code is not the one sent to you."))

    /// 410: the one-time code expired or was typed wrong too many times.
    public static let verificationExpired = ProblemKind(
        code: "verification_expired", status: 410,
        title: LocalizedText(fr: "Code expiré", ar: "انتهت صلاحية الرمز", en: "Code expired"),
        detail: LocalizedText(
            fr: "Ce code n'est plus valable. Demandez-en un nouveau.",
            ar: "هذا الرمز لم يعد صالحًا. اطلب رمزًا جديدًا.",
            en: "This code is no longer valid. Ask for a new one."))

    /// 403: the phone number or email address given is not the booking's.
    public static let contactMismatch = ProblemKind(
        code: "contact_mismatch", status: 403,
        title: LocalizedText(fr: "Coordonnées différentes", ar: "معلومات اتصال مختلفة", en: "Contact does not match"),
        detail: LocalizedText(
            fr: "Indiquez le numéro de téléphone ou l'adresse e-mail donnés lors de la réservation.",
            ar: "أدخل رقم الهاتف أو البريد الإلكتروني المستعمل عند الحجز.",
            en: "Give the phone number or email address used when booking."))

    /// 403: setting a rule aside needs the manager's role.
    public static let overrideNotAllowed = ProblemKind(
        code: "override_not_allowed", status: 403,
        title: LocalizedText(fr: "Dérogation non autorisée", ar: "الاستثناء غير مسموح به", en: "Override not allowed"),
        detail: LocalizedText(
            fr: "Seul un responsable des rendez-vous peut déroger à une règle, avec un motif.",
            ar: "لا يمكن إلا لمسؤول المواعيد الاستثناء من قاعدة، مع ذكر السبب.",
            en: "Only an appointments manager may set a rule aside, with a reason."))

    /// Every kind the appointments domain declares.
    public static let appointmentsCatalog: [ProblemKind] = [
        .serviceNotOffered, .channelNotAllowed, .slotInPast, .slotOutsideWindow, .slotOnHoliday,
        .slotOutsideOpeningHours, .slotNotOnGrid, .slotTaken, .holdExpired, .cancellationCutoffPassed,
        .moveCutoffPassed, .bookingLimitReached, .bookingStatusConflict, .checkInNotOpen, .ticketStatusConflict,
        .contactNotVerified, .verificationCodeInvalid, .verificationExpired, .contactMismatch, .overrideNotAllowed,
    ]
}
