import GuichetCore

// The complaints service's problem kinds, with titles and details in French, Arabic and English.

extension ProblemKind {
    /// 409: the workflow does not allow this change of status from the current one.
    public static let transitionNotAllowed = ProblemKind(
        code: "transition_not_allowed", status: 409,
        title: LocalizedText(fr: "Changement de statut non autorisé", ar: "تغيير الحالة غير مسموح به", en: "Transition not allowed"),
        detail: LocalizedText(
            fr: "Ce changement de statut n'est pas autorisé depuis le statut actuel de la réclamation.",
            ar: "تغيير الحالة هذا غير مسموح به انطلاقا من الحالة الحالية للشكاية.",
            en: "This change of status is not allowed from the complaint's current status."))

    /// 422: closing needs a public, reasoned reply, and none was given.
    public static let publicReplyRequired = ProblemKind(
        code: "public_reply_required", status: 422,
        title: LocalizedText(fr: "Réponse motivée requise", ar: "جواب معلل مطلوب", en: "Reasoned reply required"),
        detail: LocalizedText(
            fr: "Une réclamation ne peut être clôturée qu'après une réponse publique et motivée au citoyen.",
            ar: "لا يمكن إغلاق الشكاية إلا بعد تقديم جواب علني ومعلل للمواطن.",
            en: "A complaint can only be closed after a public, reasoned reply to the citizen."))

    /// 409: the period during which an answered complaint may be reopened is over.
    public static let reopeningPeriodExpired = ProblemKind(
        code: "reopening_period_expired", status: 409,
        title: LocalizedText(fr: "Délai de réouverture dépassé", ar: "انتهى أجل إعادة الفتح", en: "Reopening period expired"),
        detail: LocalizedText(
            fr: "Le délai pendant lequel cette réclamation pouvait être rouverte est dépassé. Vous pouvez déposer une nouvelle réclamation.",
            ar: "انتهى الأجل الذي كان يمكن خلاله إعادة فتح هذه الشكاية. يمكنكم تقديم شكاية جديدة.",
            en: "The period during which this complaint could be reopened is over. You may submit a new complaint."))

    /// 409: the complaint is closed (or rejected, or merged): no reply or information can be added.
    public static let complaintClosed = ProblemKind(
        code: "complaint_closed", status: 409,
        title: LocalizedText(fr: "Réclamation clôturée", ar: "الشكاية مغلقة", en: "Complaint closed"),
        detail: LocalizedText(
            fr: "Cette réclamation est clôturée : il n'est plus possible d'y ajouter une réponse ou une information.",
            ar: "هذه الشكاية مغلقة: لم يعد من الممكن إضافة جواب أو معلومة إليها.",
            en: "This complaint is closed: no reply or information can be added to it anymore."))

    /// 422: a complaint cannot be merged into itself or into a complaint that was itself merged.
    public static let invalidMerge = ProblemKind(
        code: "invalid_merge", status: 422,
        title: LocalizedText(fr: "Fusion impossible", ar: "الدمج غير ممكن", en: "Invalid merge"),
        detail: LocalizedText(
            fr: "Une réclamation ne peut être fusionnée ni avec elle-même ni avec une réclamation déjà fusionnée.",
            ar: "لا يمكن دمج شكاية مع نفسها ولا مع شكاية سبق دمجها.",
            en: "A complaint cannot be merged into itself or into a complaint that was already merged."))

    /// 409: the answer was already rated.
    public static let alreadyRated = ProblemKind(
        code: "already_rated", status: 409,
        title: LocalizedText(fr: "Réponse déjà évaluée", ar: "تم تقييم الجواب مسبقا", en: "Already rated"),
        detail: LocalizedText(
            fr: "Vous avez déjà donné votre avis sur cette réponse.",
            ar: "سبق لكم إبداء رأيكم في هذا الجواب.",
            en: "You have already rated this answer."))

    /// 409: there is no answer to rate yet.
    public static let notAnswered = ProblemKind(
        code: "not_answered", status: 409,
        title: LocalizedText(fr: "Pas encore de réponse", ar: "لا يوجد جواب بعد", en: "Not answered yet"),
        detail: LocalizedText(
            fr: "Cette réclamation n'a pas encore reçu de réponse à évaluer.",
            ar: "لم تتلق هذه الشكاية بعد جوابا يمكن تقييمه.",
            en: "This complaint has not received an answer to rate yet."))

    /// Every kind declared by the complaints service, for documentation and tests.
    public static let complaintsCatalog: [ProblemKind] = [
        .transitionNotAllowed, .publicReplyRequired, .reopeningPeriodExpired, .complaintClosed, .invalidMerge, .alreadyRated,
        .notAnswered,
    ]
}
