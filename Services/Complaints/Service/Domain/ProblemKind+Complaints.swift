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

    /// 409: the citizen adds information although nobody asked for any.
    public static let informationNotRequested = ProblemKind(
        code: "information_not_requested", status: 409,
        title: LocalizedText(fr: "Aucune information demandée", ar: "لم تطلب أي معلومة", en: "No information requested"),
        detail: LocalizedText(
            fr: "Aucune information complémentaire ne vous a été demandée pour cette réclamation.",
            ar: "لم يطلب منكم أي معلومة إضافية بخصوص هذه الشكاية.",
            en: "No additional information was asked of you for this complaint."))

    /// 428: an update must say which version it changes (`If-Match`).
    public static let preconditionRequired = ProblemKind(
        code: "precondition_required", status: 428,
        title: LocalizedText(fr: "Précondition requise", ar: "الشرط المسبق مطلوب", en: "Precondition required"),
        detail: LocalizedText(
            fr: "Cette modification exige l'en-tête If-Match avec l'ETag de la version lue.",
            ar: "يتطلب هذا التعديل الرأس If-Match مع وسم ETag للنسخة المقروءة.",
            en: "This update requires the If-Match header with the ETag of the version read."))

    /// 415: an attachment is not a JPEG, PNG or WebP image nor a PDF document (judged from its bytes).
    public static let unsupportedAttachment = ProblemKind(
        code: "unsupported_attachment", status: 415,
        title: LocalizedText(fr: "Pièce jointe non acceptée", ar: "مرفق غير مقبول", en: "Unsupported attachment"),
        detail: LocalizedText(
            fr: "Seules les photos JPEG, PNG ou WebP et les documents PDF sont acceptés.",
            ar: "لا تقبل إلا الصور بصيغة JPEG أو PNG أو WebP والوثائق بصيغة PDF.",
            en: "Only JPEG, PNG or WebP photos and PDF documents are accepted."))

    /// 409: the complaint has as many attachments as it may hold.
    public static let tooManyAttachments = ProblemKind(
        code: "too_many_attachments", status: 409,
        title: LocalizedText(fr: "Trop de pièces jointes", ar: "عدد المرفقات كبير جدا", en: "Too many attachments"),
        detail: LocalizedText(
            fr: "Cette réclamation a déjà le nombre maximal de pièces jointes.",
            ar: "بلغت هذه الشكاية العدد الأقصى من المرفقات.",
            en: "This complaint already has the largest number of attachments allowed."))

    /// 422: the location is outside every zone of the tenant, which refuses such points.
    public static let outsideZones = ProblemKind(
        code: "outside_zones", status: 422,
        title: LocalizedText(fr: "Lieu hors du territoire", ar: "المكان خارج النفوذ الترابي", en: "Location outside the territory"),
        detail: LocalizedText(
            fr: "Le lieu indiqué n'est dans aucune des zones couvertes par cette administration.",
            ar: "المكان المحدد لا يقع في أي من المناطق التي تغطيها هذه الإدارة.",
            en: "The location given is in none of the zones this administration covers."))

    /// 422: a zone's polygon is not a valid geometry (self-intersecting, say).
    public static let invalidGeometry = ProblemKind(
        code: "invalid_geometry", status: 422,
        title: LocalizedText(fr: "Géométrie invalide", ar: "شكل هندسي غير صالح", en: "Invalid geometry"),
        detail: LocalizedText(
            fr: "Le contour de la zone n'est pas une géométrie valide (il se recoupe, par exemple).",
            ar: "محيط المنطقة ليس شكلا هندسيا صالحا (متقاطع مع نفسه مثلا).",
            en: "The zone's outline is not a valid geometry (it intersects itself, for example)."))

    /// 403: the agent may not act on this complaint (outside their units).
    public static let outsideAgentUnits = ProblemKind(
        code: "outside_agent_units", status: 403,
        title: LocalizedText(fr: "Hors de vos unités", ar: "خارج وحداتكم", en: "Outside your units"),
        detail: LocalizedText(
            fr: "Cette réclamation est traitée par une unité dont vous ne faites pas partie.",
            ar: "تعالج هذه الشكاية وحدة لا تنتمون إليها.",
            en: "This complaint is handled by a unit you do not belong to."))

    /// Every kind declared by the complaints service, for documentation and tests.
    public static let complaintsCatalog: [ProblemKind] = [
        .transitionNotAllowed, .publicReplyRequired, .reopeningPeriodExpired, .complaintClosed, .invalidMerge, .alreadyRated,
        .notAnswered, .informationNotRequested, .preconditionRequired, .unsupportedAttachment, .tooManyAttachments, .outsideZones,
        .invalidGeometry, .outsideAgentUnits,
    ]
}
