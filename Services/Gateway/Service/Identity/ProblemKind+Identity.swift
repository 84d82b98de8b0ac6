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
}

extension Problem {
    /// The problem with the RFC 6749 `error` member OAuth clients read, beside the problem's own.
    func withOAuthError() -> Problem {
        withExtension("error", .string(code)).withExtension("error_description", .string(detail))
    }
}
