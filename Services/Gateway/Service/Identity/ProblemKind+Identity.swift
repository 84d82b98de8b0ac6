import GuichetCore

extension ProblemKind {
    /// RFC 6749 `invalid_request`: a parameter is missing, repeated or malformed.
    static let invalidTokenRequest = ProblemKind(
        code: "invalid_request", status: 400,
        title: LocalizedText(fr: "Demande de jeton invalide", ar: "طلب رمز غير صالح", en: "Invalid token request"),
        detail: LocalizedText(
            fr: "La demande de jeton est incomplète ou mal formée.",
            ar: "طلب الرمز ناقص أو غير سليم الصياغة.",
            en: "The token request is missing a parameter or is malformed."))

    /// RFC 6749 `unsupported_grant_type`.
    static let unsupportedGrantType = ProblemKind(
        code: "unsupported_grant_type", status: 400,
        title: LocalizedText(fr: "Type d'autorisation non pris en charge", ar: "نوع التفويض غير مدعوم", en: "Unsupported grant type"),
        detail: LocalizedText(
            fr: "Ce type d'autorisation n'est pas accepté par le serveur.",
            ar: "لا يقبل الخادم هذا النوع من التفويض.",
            en: "The server does not accept this grant type."))

    /// RFC 6749 `invalid_grant`: wrong credentials, a locked or unknown account (never said which).
    static let invalidGrant = ProblemKind(
        code: "invalid_grant", status: 400,
        title: LocalizedText(fr: "Identifiants refusés", ar: "بيانات الدخول مرفوضة", en: "Credentials refused"),
        detail: LocalizedText(
            fr: "Le nom d'utilisateur ou le mot de passe est incorrect, ou le compte est temporairement bloqué.",
            ar: "اسم المستخدم أو كلمة المرور غير صحيحة، أو الحساب موقوف مؤقتًا.",
            en: "The username or password is wrong, or the account is temporarily locked."))

    /// RFC 6749 `invalid_client`: unknown client, wrong secret, disabled client (never said which).
    static let invalidClient = ProblemKind(
        code: "invalid_client", status: 401,
        title: LocalizedText(fr: "Client refusé", ar: "العميل مرفوض", en: "Client refused"),
        detail: LocalizedText(
            fr: "L'identifiant ou le secret du client est incorrect, ou le client n'est pas autorisé pour ce locataire.",
            ar: "معرّف العميل أو سرّه غير صحيح، أو العميل غير مأذون له لدى هذه الجهة.",
            en: "The client id or secret is wrong, or the client is not allowed for this tenant."))

    /// RFC 6749 `invalid_scope`: a scope the client was not granted.
    static let invalidScope = ProblemKind(
        code: "invalid_scope", status: 400,
        title: LocalizedText(fr: "Portée refusée", ar: "النطاق مرفوض", en: "Scope refused"),
        detail: LocalizedText(
            fr: "La portée demandée dépasse celle accordée au client.",
            ar: "النطاق المطلوب يتجاوز ما مُنح للعميل.",
            en: "The requested scope exceeds what the client was granted."))

    /// The account needs a TOTP code (RFC 6238) as well as its password.
    static let totpRequired = ProblemKind(
        code: "totp_required", status: 400,
        title: LocalizedText(fr: "Code à usage unique requis", ar: "رمز الاستعمال الواحد مطلوب", en: "One-time code required"),
        detail: LocalizedText(
            fr: "Saisissez le code à six chiffres de votre application d'authentification (paramètre totp).",
            ar: "أدخل الرمز المكوّن من ستة أرقام من تطبيق المصادقة (المعامل totp).",
            en: "Enter the six-digit code from your authenticator application (the totp parameter)."))

    /// The tenant requires a second factor that the account has not enrolled yet.
    static let totpEnrolmentRequired = ProblemKind(
        code: "totp_enrolment_required", status: 400,
        title: LocalizedText(fr: "Second facteur à configurer", ar: "يجب إعداد العامل الثاني", en: "Second factor to set up"),
        detail: LocalizedText(
            fr: "Votre organisation exige un code à usage unique : configurez-le avec POST /v1/auth/totp/enrolment.",
            ar: "تشترط مؤسستك رمزًا للاستعمال الواحد: قم بإعداده عبر POST /v1/auth/totp/enrolment.",
            en: "Your organisation requires a one-time code: set it up with POST /v1/auth/totp/enrolment."))

    /// A second factor is already enrolled: only an administrator can reset it.
    static let totpAlreadyEnrolled = ProblemKind(
        code: "totp_already_enrolled", status: 409,
        title: LocalizedText(fr: "Second facteur déjà configuré", ar: "العامل الثاني مُعدّ مسبقًا", en: "Second factor already set up"),
        detail: LocalizedText(
            fr: "Un second facteur est déjà configuré pour ce compte ; un administrateur peut le réinitialiser.",
            ar: "العامل الثاني مُعدّ مسبقًا لهذا الحساب؛ يمكن للمسؤول إعادة تعيينه.",
            en: "This account already has a second factor; an administrator can reset it."))
}


extension Problem {
    /// The problem with the RFC 6749 `error` member OAuth clients read, beside the problem's own.
    func withOAuthError() -> Problem {
        withExtension("error", .string(code)).withExtension("error_description", .string(detail))
    }
}
