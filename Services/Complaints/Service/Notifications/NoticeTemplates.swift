import GuichetCore
import GuichetNotifications

/// The templates of the notices a citizen receives as their complaint is handled (after the
/// acknowledgement of its submission): one email and one SMS template for each kind of news, in
/// French, Arabic and English. Tenants may override any of them through the kit's template routes;
/// the variables every wording may use are declared here.
///
/// | template | when |
/// |---|---|
/// | `complaint.status_changed` | acknowledged, assigned, in progress, reopened |
/// | `complaint.answered` | a public, reasoned answer (`reply`) |
/// | `complaint.closed` | closed (with the closing reply, if one was given then) |
/// | `complaint.rejected` | refused as not competent (`reply` is the reason) |
/// | `complaint.merged` | merged into another complaint about the same matter |
/// | `complaint.replied` | a public reply without a change of status |
/// | `complaint.information_requested` | a public reply asking for more information |
///
/// Each has an SMS twin named `<name>.sms`, sent when the citizen gave a phone number only.
enum NoticeTemplates {
    /// The values every notice may use: `tracking_code` (the citizen's own code, even when they
    /// follow another complaint through a merge), `name`, `status` (code), `status_name` (in the
    /// citizen's language), `reply` (the public reply of the step, empty when none), `answer_due`
    /// (`dd/MM/yyyy HH:mm` in the tenant's time zone while an answer is awaited, else empty) and
    /// `redirected_to` (the slug of the competent tenant of a rejection, else empty).
    static let variables: Set<String> = ["tracking_code", "name", "status", "status_name", "reply", "answer_due", "redirected_to"]

    /// Every template declared here, email and SMS.
    static let all: [TemplateDefinition] = [
        statusChanged, statusChangedSMS, answered, answeredSMS, closed, closedSMS, rejected, rejectedSMS, merged, mergedSMS,
        replied, repliedSMS, informationRequested, informationRequestedSMS,
    ]

    /// The email and SMS templates of a notice, by the notice's topic and the status after the step.
    static func names(for topic: ComplaintNotice.Topic, status: ComplaintStatus) -> (email: String, sms: String) {
        let definition: TemplateDefinition
        switch topic {
        case .received: return (ComplaintNotifications.acknowledgement.name, ComplaintNotifications.acknowledgementSMS.name)
        case .replied: definition = replied
        case .informationRequested: definition = informationRequested
        case .statusChanged:
            switch status {
            case .answered: definition = answered
            case .closed: definition = closed
            case .rejected: definition = rejected
            case .merged: definition = merged
            case .received, .acknowledged, .assigned, .inProgress, .reopened: definition = statusChanged
            }
        }
        return (definition.name, definition.name + ".sms")
    }

    private static let footer = LocalizedText(
        fr: "Ce message est envoyé automatiquement, merci de ne pas y répondre.",
        ar: "هذه رسالة آلية، يرجى عدم الرد عليها.",
        en: "This message is sent automatically; please do not reply to it.")

    /// An email template whose text is `body` then the footer, with `required` variables.
    private static func email(_ name: String, required: Set<String>, subject: LocalizedText, body: LocalizedText) -> TemplateDefinition {
        var defaults: [Language: NotificationTemplate] = [:]
        for language in Language.allCases {
            defaults[language] = NotificationTemplate(
                subject: subject.text(in: language), text: body.text(in: language) + "\n\n" + footer.text(in: language))
        }
        let required = required.union(["tracking_code"])
        return TemplateDefinition(
            name: name, medium: .email, requiredVariables: required, optionalVariables: variables.subtracting(required), defaults: defaults)
    }

    /// The SMS twin of the email template `name`.
    private static func sms(_ name: String, text: LocalizedText) -> TemplateDefinition {
        var defaults: [Language: NotificationTemplate] = [:]
        for language in Language.allCases { defaults[language] = NotificationTemplate(text: text.text(in: language)) }
        return TemplateDefinition(
            name: name + ".sms", medium: .sms, requiredVariables: ["tracking_code"], optionalVariables: variables.subtracting(["tracking_code"]),
            defaults: defaults)
    }

    // MARK: Changes of status

    static let statusChanged = email(
        "complaint.status_changed", required: [],
        subject: LocalizedText(
            fr: "Votre demande {{tracking_code}} : {{status_name}}", ar: "طلبكم {{tracking_code}}: {{status_name}}",
            en: "Your request {{tracking_code}}: {{status_name}}"),
        body: LocalizedText(
            fr: """
                Bonjour,

                Votre demande {{tracking_code}} avance. Son nouvel état : {{status_name}}.

                Une réponse vous sera apportée au plus tard le {{answer_due}}.
                Vous pouvez suivre son traitement à tout moment avec votre code de suivi.
                """,
            ar: """
                مرحبًا،

                طلبكم {{tracking_code}} قيد التتبع. وضعيته الجديدة: {{status_name}}.

                سيتم الرد عليكم في أجل أقصاه {{answer_due}}.
                يمكنكم تتبع معالجته في أي وقت باستعمال رمز التتبع.
                """,
            en: """
                Hello,

                Your request {{tracking_code}} has moved on. Its new status: {{status_name}}.

                You will receive an answer by {{answer_due}} at the latest.
                You can follow its handling at any time with your tracking code.
                """))

    static let statusChangedSMS = sms(
        "complaint.status_changed",
        text: LocalizedText(
            fr: "Votre demande {{tracking_code}} : {{status_name}}.", ar: "طلبكم {{tracking_code}}: {{status_name}}.",
            en: "Your request {{tracking_code}}: {{status_name}}."))

    static let answered = email(
        "complaint.answered", required: ["reply"],
        subject: LocalizedText(
            fr: "Réponse à votre demande {{tracking_code}}", ar: "رد على طلبكم {{tracking_code}}", en: "Answer to your request {{tracking_code}}"),
        body: LocalizedText(
            fr: """
                Bonjour,

                Votre demande {{tracking_code}} a reçu la réponse suivante :

                {{reply}}

                Si cette réponse ne vous satisfait pas, vous pouvez rouvrir votre demande avec votre code de suivi.
                """,
            ar: """
                مرحبًا،

                تلقى طلبكم {{tracking_code}} الرد التالي:

                {{reply}}

                إذا لم يرضكم هذا الرد، يمكنكم إعادة فتح طلبكم باستعمال رمز التتبع.
                """,
            en: """
                Hello,

                Your request {{tracking_code}} has received the following answer:

                {{reply}}

                If this answer does not satisfy you, you can reopen your request with your tracking code.
                """))

    static let answeredSMS = sms(
        "complaint.answered",
        text: LocalizedText(
            fr: "Votre demande {{tracking_code}} a reçu une réponse. Consultez-la avec votre code de suivi.",
            ar: "تلقى طلبكم {{tracking_code}} ردًا. اطلعوا عليه باستعمال رمز التتبع.",
            en: "Your request {{tracking_code}} has been answered. Read the answer with your tracking code."))

    static let closed = email(
        "complaint.closed", required: [],
        subject: LocalizedText(
            fr: "Votre demande {{tracking_code}} est clôturée", ar: "تم إغلاق طلبكم {{tracking_code}}",
            en: "Your request {{tracking_code}} is closed"),
        body: LocalizedText(
            fr: """
                Bonjour,

                Votre demande {{tracking_code}} est clôturée.

                {{reply}}

                Merci d'avoir pris le temps de nous écrire.
                """,
            ar: """
                مرحبًا،

                تم إغلاق طلبكم {{tracking_code}}.

                {{reply}}

                شكرًا لكم على مراسلتنا.
                """,
            en: """
                Hello,

                Your request {{tracking_code}} is closed.

                {{reply}}

                Thank you for taking the time to write to us.
                """))

    static let closedSMS = sms(
        "complaint.closed",
        text: LocalizedText(
            fr: "Votre demande {{tracking_code}} est clôturée.", ar: "تم إغلاق طلبكم {{tracking_code}}.",
            en: "Your request {{tracking_code}} is closed."))

    static let rejected = email(
        "complaint.rejected", required: ["reply"],
        subject: LocalizedText(
            fr: "Votre demande {{tracking_code}} ne relève pas de notre compétence", ar: "طلبكم {{tracking_code}} لا يدخل ضمن اختصاصنا",
            en: "Your request {{tracking_code}} is outside our remit"),
        body: LocalizedText(
            fr: """
                Bonjour,

                Votre demande {{tracking_code}} ne peut pas être traitée par nos services, pour la raison suivante :

                {{reply}}

                Vous pouvez la rouvrir avec votre code de suivi si vous pensez qu'il s'agit d'une erreur.
                """,
            ar: """
                مرحبًا،

                لا يمكن لمصالحنا معالجة طلبكم {{tracking_code}} للسبب التالي:

                {{reply}}

                يمكنكم إعادة فتحه باستعمال رمز التتبع إذا كنتم تعتقدون أن الأمر يتعلق بخطأ.
                """,
            en: """
                Hello,

                Your request {{tracking_code}} cannot be handled by our services, for the following reason:

                {{reply}}

                You can reopen it with your tracking code if you believe this is a mistake.
                """))

    static let rejectedSMS = sms(
        "complaint.rejected",
        text: LocalizedText(
            fr: "Votre demande {{tracking_code}} ne relève pas de notre compétence. Motif consultable avec votre code de suivi.",
            ar: "طلبكم {{tracking_code}} لا يدخل ضمن اختصاصنا. يمكنكم الاطلاع على السبب باستعمال رمز التتبع.",
            en: "Your request {{tracking_code}} is outside our remit. See why with your tracking code."))

    static let merged = email(
        "complaint.merged", required: [],
        subject: LocalizedText(
            fr: "Votre demande {{tracking_code}} est suivie avec une demande identique", ar: "طلبكم {{tracking_code}} يُتابع مع طلب مماثل",
            en: "Your request {{tracking_code}} is handled with an identical one"),
        body: LocalizedText(
            fr: """
                Bonjour,

                Votre demande {{tracking_code}} porte sur le même sujet qu'une demande déjà reçue : elles sont désormais traitées ensemble.

                Vous continuerez à recevoir les nouvelles de leur traitement.
                """,
            ar: """
                مرحبًا،

                يتعلق طلبكم {{tracking_code}} بنفس موضوع طلب تم استلامه من قبل: ستتم معالجتهما معًا من الآن فصاعدًا.

                ستستمرون في تلقي أخبار معالجتهما.
                """,
            en: """
                Hello,

                Your request {{tracking_code}} concerns the same matter as a request already received: they are now handled together.

                You will keep receiving news of their handling.
                """))

    static let mergedSMS = sms(
        "complaint.merged",
        text: LocalizedText(
            fr: "Votre demande {{tracking_code}} est traitée avec une demande identique. Vous resterez informé(e).",
            ar: "طلبكم {{tracking_code}} يُعالج مع طلب مماثل. ستبقون على اطلاع.",
            en: "Your request {{tracking_code}} is handled with an identical one. You will be kept informed."))

    // MARK: Replies

    static let replied = email(
        "complaint.replied", required: ["reply"],
        subject: LocalizedText(
            fr: "Nouveau message sur votre demande {{tracking_code}}", ar: "رسالة جديدة بشأن طلبكم {{tracking_code}}",
            en: "New message about your request {{tracking_code}}"),
        body: LocalizedText(
            fr: """
                Bonjour,

                Un agent a écrit au sujet de votre demande {{tracking_code}} :

                {{reply}}
                """,
            ar: """
                مرحبًا،

                كتب أحد الأعوان بخصوص طلبكم {{tracking_code}}:

                {{reply}}
                """,
            en: """
                Hello,

                An agent wrote about your request {{tracking_code}}:

                {{reply}}
                """))

    static let repliedSMS = sms(
        "complaint.replied",
        text: LocalizedText(
            fr: "Nouveau message sur votre demande {{tracking_code}}. Consultez-le avec votre code de suivi.",
            ar: "رسالة جديدة بشأن طلبكم {{tracking_code}}. اطلعوا عليها باستعمال رمز التتبع.",
            en: "New message about your request {{tracking_code}}. Read it with your tracking code."))

    static let informationRequested = email(
        "complaint.information_requested", required: ["reply"],
        subject: LocalizedText(
            fr: "Informations demandées pour votre demande {{tracking_code}}", ar: "معلومات مطلوبة بخصوص طلبكم {{tracking_code}}",
            en: "Information needed for your request {{tracking_code}}"),
        body: LocalizedText(
            fr: """
                Bonjour,

                Pour traiter votre demande {{tracking_code}}, nous avons besoin de précisions :

                {{reply}}

                Répondez en ajoutant ces informations à votre demande avec votre code de suivi.
                """,
            ar: """
                مرحبًا،

                لمعالجة طلبكم {{tracking_code}}، نحتاج إلى توضيحات:

                {{reply}}

                أجيبوا بإضافة هذه المعلومات إلى طلبكم باستعمال رمز التتبع.
                """,
            en: """
                Hello,

                To handle your request {{tracking_code}}, we need more information:

                {{reply}}

                Answer by adding this information to your request with your tracking code.
                """))

    static let informationRequestedSMS = sms(
        "complaint.information_requested",
        text: LocalizedText(
            fr: "Des précisions sont demandées pour votre demande {{tracking_code}}. Consultez-la avec votre code de suivi.",
            ar: "مطلوب توضيحات بخصوص طلبكم {{tracking_code}}. اطلعوا عليها باستعمال رمز التتبع.",
            en: "More information is needed for your request {{tracking_code}}. See what with your tracking code."))
}
