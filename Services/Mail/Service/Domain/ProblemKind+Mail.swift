import GuichetCore

// The mail service's problem kinds: every refusal of the registry and processing rules, with titles
// and details in French, Arabic and English.

extension ProblemKind {
    /// 409: a registered fact that never changes (registry number, registration date, direction,
    /// registering agent) was sent in an amendment.
    public static let registeredFieldImmutable = ProblemKind(
        code: "registered_field_immutable", status: 409,
        title: LocalizedText(fr: "Donnée enregistrée non modifiable", ar: "بيان مسجل غير قابل للتعديل", en: "Registered field is immutable"),
        detail: LocalizedText(
            fr: "Le numéro d'enregistrement, la date d'enregistrement et le sens du courrier ne peuvent jamais être modifiés.",
            ar: "لا يمكن أبدًا تعديل رقم التسجيل ولا تاريخ التسجيل ولا اتجاه المراسلة.",
            en: "The registry number, the registration date and the direction of mail can never be changed."))

    /// 409: the item was cancelled; it keeps its number but nothing more can happen to it.
    public static let mailItemCancelled = ProblemKind(
        code: "mail_item_cancelled", status: 409,
        title: LocalizedText(fr: "Courrier annulé", ar: "مراسلة ملغاة", en: "Mail item cancelled"),
        detail: LocalizedText(
            fr: "Ce courrier a été annulé : il garde son numéro mais ne peut plus être modifié ni traité.",
            ar: "أُلغيت هذه المراسلة: تحتفظ برقمها لكن لم يعد ممكنًا تعديلها أو معالجتها.",
            en: "This mail item was cancelled: it keeps its number but can no longer be changed or processed."))

    /// 409: the item is archived and sealed.
    public static let mailItemArchived = ProblemKind(
        code: "mail_item_archived", status: 409,
        title: LocalizedText(fr: "Courrier archivé", ar: "مراسلة مؤرشفة", en: "Mail item archived"),
        detail: LocalizedText(
            fr: "Ce courrier est archivé et ne peut plus être modifié.",
            ar: "هذه المراسلة مؤرشفة ولم يعد ممكنًا تعديلها.",
            en: "This mail item is archived and can no longer be changed."))

    /// 409: the processing status does not allow this action.
    public static let invalidStatusTransition = ProblemKind(
        code: "invalid_status_transition", status: 409,
        title: LocalizedText(fr: "Action impossible à ce stade", ar: "إجراء غير ممكن في هذه المرحلة", en: "Invalid status transition"),
        detail: LocalizedText(
            fr: "L'état de traitement actuel du courrier ne permet pas cette action.",
            ar: "حالة معالجة المراسلة الحالية لا تسمح بهذا الإجراء.",
            en: "The current processing status of the mail item does not allow this action."))

    /// 409: the document type requires a reply and none was linked.
    public static let replyRequired = ProblemKind(
        code: "reply_required", status: 409,
        title: LocalizedText(fr: "Réponse obligatoire", ar: "الرد إلزامي", en: "Reply required"),
        detail: LocalizedText(
            fr: "Ce type de document exige une réponse : liez un courrier de réponse avant de clôturer.",
            ar: "يستلزم هذا النوع من الوثائق ردًا: اربط مراسلة الرد قبل الإغلاق.",
            en: "This document type requires a reply: link a reply before closing."))

    /// 409: the reply cannot be sent before the approval circuit has approved it.
    public static let approvalNotGranted = ProblemKind(
        code: "approval_not_granted", status: 409,
        title: LocalizedText(fr: "Visa non accordé", ar: "التأشيرة غير ممنوحة", en: "Approval not granted"),
        detail: LocalizedText(
            fr: "Le dernier circuit de visa n'a pas approuvé la réponse.",
            ar: "لم توافق دورة التأشير الأخيرة على الرد.",
            en: "The last approval circuit has not approved the reply."))

    /// 403: the caller is not one of the circuit's reviewers or approvers with a pending step.
    public static let notACircuitMember = ProblemKind(
        code: "not_a_circuit_member", status: 403,
        title: LocalizedText(fr: "Hors du circuit", ar: "خارج الدورة", en: "Not a circuit member"),
        detail: LocalizedText(
            fr: "Vous n'avez aucune étape en attente dans ce circuit.",
            ar: "ليست لديك أي مرحلة معلقة في هذه الدورة.",
            en: "You have no pending step in this circuit."))

    /// 409: the step was already decided.
    public static let circuitStepAlreadyDecided = ProblemKind(
        code: "circuit_step_already_decided", status: 409,
        title: LocalizedText(fr: "Étape déjà traitée", ar: "مرحلة سبق البت فيها", en: "Step already decided"),
        detail: LocalizedText(
            fr: "Cette étape du circuit a déjà reçu une décision.",
            ar: "سبق اتخاذ قرار في هذه المرحلة من الدورة.",
            en: "This circuit step has already been decided."))

    /// 409: an approval circuit is sequential and it is not this approver's turn yet.
    public static let approvalOutOfTurn = ProblemKind(
        code: "approval_out_of_turn", status: 409,
        title: LocalizedText(fr: "Ce n'est pas votre tour", ar: "ليس دورك بعد", en: "Approval out of turn"),
        detail: LocalizedText(
            fr: "Le circuit de visa est séquentiel : les étapes précédentes doivent d'abord être validées.",
            ar: "دورة التأشير متسلسلة: يجب أولًا المصادقة على المراحل السابقة.",
            en: "The approval circuit is sequential: the previous steps must be approved first."))

    /// 422: the reply link joins items that cannot answer each other (directions, cancelled item).
    public static let replyLinkInvalid = ProblemKind(
        code: "reply_link_invalid", status: 422,
        title: LocalizedText(fr: "Lien de réponse invalide", ar: "رابط رد غير صالح", en: "Invalid reply link"),
        detail: LocalizedText(
            fr: "Un courrier départ répond à un courrier arrivée, un courrier interne à un courrier interne, et jamais à un courrier annulé.",
            ar: "المراسلة الصادرة ترد على مراسلة واردة، والداخلية على داخلية، ولا رد أبدًا على مراسلة ملغاة.",
            en: "An outgoing item answers an incoming one, an internal item an internal one, and never a cancelled item."))

    /// 409: the retention period has not ended.
    public static let retentionNotElapsed = ProblemKind(
        code: "retention_not_elapsed", status: 409,
        title: LocalizedText(fr: "Durée de conservation en cours", ar: "مدة الحفظ لم تنقض", en: "Retention not elapsed"),
        detail: LocalizedText(
            fr: "La durée de conservation de ce courrier n'est pas écoulée.",
            ar: "لم تنقض بعد مدة حفظ هذه المراسلة.",
            en: "The retention period of this mail item has not ended."))

    /// 409: the retention rule says to keep (archive), never to destroy.
    public static let purgeNotAllowed = ProblemKind(
        code: "purge_not_allowed", status: 409,
        title: LocalizedText(fr: "Élimination interdite", ar: "الإتلاف غير مسموح", en: "Purge not allowed"),
        detail: LocalizedText(
            fr: "La règle de conservation de ce type de document prévoit l'archivage définitif, pas l'élimination.",
            ar: "تنص قاعدة حفظ هذا النوع من الوثائق على الأرشفة النهائية لا على الإتلاف.",
            en: "The retention rule of this document type says to archive for good, not to destroy."))

    /// 409: a purge needs an approval recorded by someone other than the requester.
    public static let purgeApprovalRequired = ProblemKind(
        code: "purge_approval_required", status: 409,
        title: LocalizedText(fr: "Approbation d'élimination requise", ar: "موافقة الإتلاف مطلوبة", en: "Purge approval required"),
        detail: LocalizedText(
            fr: "L'élimination exige une approbation enregistrée par une autre personne que le demandeur.",
            ar: "يستلزم الإتلاف موافقة مسجلة من شخص غير صاحب الطلب.",
            en: "A purge needs an approval recorded by someone other than the requester."))

    /// 500: a stored document does not match its recorded SHA-256 (or is missing): it is not served,
    /// and an integrity event is appended to the audit chain.
    public static let documentIntegrityFailure = ProblemKind(
        code: "document_integrity_failure", status: 500,
        title: LocalizedText(fr: "Document altéré", ar: "وثيقة متضررة", en: "Document integrity failure"),
        detail: LocalizedText(
            fr: "Le document conservé ne correspond plus à son empreinte enregistrée : il n'est pas délivré et l'incident est journalisé.",
            ar: "الوثيقة المحفوظة لم تعد مطابقة لبصمتها المسجلة: لن تُسلَّم وسُجل الحادث.",
            en: "The stored document no longer matches its recorded hash: it is not served and the incident is logged."))

    /// 410: the document's content was purged at the end of its retention period.
    public static let documentPurged = ProblemKind(
        code: "document_purged", status: 410,
        title: LocalizedText(fr: "Document éliminé", ar: "وثيقة متلفة", en: "Document purged"),
        detail: LocalizedText(
            fr: "Le contenu de ce document a été éliminé à la fin de sa durée de conservation ; l'entrée du registre demeure.",
            ar: "أُتلف محتوى هذه الوثيقة عند انقضاء مدة حفظها؛ ويبقى قيد السجل قائمًا.",
            en: "This document's content was purged at the end of its retention period; the registry entry remains."))

    /// 409: an acknowledgement of receipt is only for incoming mail.
    public static let acknowledgementNotApplicable = ProblemKind(
        code: "acknowledgement_not_applicable", status: 409,
        title: LocalizedText(fr: "Accusé de réception impossible", ar: "وصل الاستلام غير ممكن", en: "No acknowledgement for this item"),
        detail: LocalizedText(
            fr: "Seul un courrier arrivée non annulé reçoit un accusé de réception.",
            ar: "لا يُسلَّم وصل الاستلام إلا عن مراسلة واردة غير ملغاة.",
            en: "Only incoming mail that is not cancelled gets an acknowledgement of receipt."))

    /// Every kind declared by the mail service, for documentation and tests.
    public static let mailCatalog: [ProblemKind] = [
        .registeredFieldImmutable, .mailItemCancelled, .mailItemArchived, .invalidStatusTransition, .replyRequired,
        .approvalNotGranted, .notACircuitMember, .circuitStepAlreadyDecided, .approvalOutOfTurn, .replyLinkInvalid,
        .retentionNotElapsed, .purgeNotAllowed, .purgeApprovalRequired, .documentIntegrityFailure, .documentPurged,
        .acknowledgementNotApplicable,
    ]
}
