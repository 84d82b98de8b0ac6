import GuichetCore

extension ProblemKind {
    /// Citizens' sign-up is closed: no channel delivers verification codes on this deployment.
    static let signUpUnavailable = ProblemKind(
        code: "sign_up_unavailable", status: 503,
        title: LocalizedText(fr: "Inscription indisponible", ar: "التسجيل غير متاح", en: "Sign-up unavailable"),
        detail: LocalizedText(
            fr: "La création de compte n'est pas ouverte pour le moment.",
            ar: "إنشاء الحسابات غير متاح حاليًا.",
            en: "Creating an account is not open at the moment."))

    /// The verification code is wrong, expired, or used up (never said which).
    static let invalidVerificationCode = ProblemKind(
        code: "invalid_code", status: 400,
        title: LocalizedText(fr: "Code refusé", ar: "الرمز مرفوض", en: "Code refused"),
        detail: LocalizedText(
            fr: "Le code est incorrect ou a expiré. Demandez-en un nouveau en vous inscrivant à nouveau.",
            ar: "الرمز غير صحيح أو منتهي الصلاحية. اطلب رمزًا جديدًا بإعادة التسجيل.",
            en: "The code is wrong or has expired. Ask for a new one by signing up again."))
}
