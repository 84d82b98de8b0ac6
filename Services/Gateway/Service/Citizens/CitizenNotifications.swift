import GuichetCore
import GuichetNotifications

/// The messages the gateway sends citizens while they sign up, declared as notification
/// templates: a code to enter (`code`, valid `minutes`), or — when the address already has an
/// account — a notice without one, each by email and by SMS, in French, Arabic and English.
///
/// Citizens belong to no tenant, so no tenant rewords these: they are always sent with the
/// defaults below.
enum CitizenNotifications {
    /// The email carrying a sign-up code.
    static let signUpCode = TemplateDefinition(
        name: "citizen.sign_up_code", medium: .email, requiredVariables: ["code"], optionalVariables: ["minutes"],
        defaults: [
            .fr: NotificationTemplate(
                subject: "Votre code de vérification",
                text: """
                    Bonjour,

                    Votre code de vérification est : {{code}}

                    Il est valable {{minutes}} minutes. Saisissez-le pour activer votre compte.

                    Si vous n'avez pas demandé à créer un compte, ignorez ce message.
                    """),
            .ar: NotificationTemplate(
                subject: "رمز التحقق الخاص بك",
                text: """
                    مرحبًا،

                    رمز التحقق الخاص بك هو: {{code}}

                    الرمز صالح لمدة {{minutes}} دقيقة. أدخله لتفعيل حسابك.

                    إذا لم تطلب إنشاء حساب، فتجاهل هذه الرسالة.
                    """),
            .en: NotificationTemplate(
                subject: "Your verification code",
                text: """
                    Hello,

                    Your verification code is: {{code}}

                    It is valid for {{minutes}} minutes. Enter it to activate your account.

                    If you did not ask to create an account, ignore this message.
                    """),
        ])

    /// The SMS carrying a sign-up code.
    static let signUpCodeSMS = TemplateDefinition(
        name: "citizen.sign_up_code.sms", medium: .sms, requiredVariables: ["code"], optionalVariables: ["minutes"],
        defaults: [
            .fr: NotificationTemplate(
                text: "Guichet : votre code de vérification est {{code}} (valable {{minutes}} min). Ne le communiquez à personne."),
            .ar: NotificationTemplate(text: "Guichet: رمز التحقق الخاص بك هو {{code}} (صالح {{minutes}} دقيقة). لا تشاركه مع أحد."),
            .en: NotificationTemplate(
                text: "Guichet: your verification code is {{code}} (valid {{minutes}} min). Do not share it with anyone."),
        ])

    /// The email telling the owner of an address that someone tried to sign up with it.
    static let accountExists = TemplateDefinition(
        name: "citizen.account_exists", medium: .email, requiredVariables: [],
        defaults: [
            .fr: NotificationTemplate(
                subject: "Vous avez déjà un compte",
                text: """
                    Bonjour,

                    Quelqu'un a demandé à créer un compte avec cette adresse, mais vous en avez déjà un. Connectez-vous avec votre mot de passe habituel.

                    Si ce n'était pas vous, ignorez ce message : rien n'a changé sur votre compte.
                    """),
            .ar: NotificationTemplate(
                subject: "لديك حساب بالفعل",
                text: """
                    مرحبًا،

                    طلب شخص ما إنشاء حساب بهذا العنوان، لكن لديك حسابًا بالفعل. سجّل الدخول بكلمة المرور المعتادة.

                    إذا لم تكن أنت، فتجاهل هذه الرسالة: لم يتغير شيء في حسابك.
                    """),
            .en: NotificationTemplate(
                subject: "You already have an account",
                text: """
                    Hello,

                    Someone asked to create an account with this address, but you already have one. Sign in with your usual password.

                    If this was not you, ignore this message: nothing changed on your account.
                    """),
        ])

    /// The SMS telling the owner of a number that someone tried to sign up with it.
    static let accountExistsSMS = TemplateDefinition(
        name: "citizen.account_exists.sms", medium: .sms, requiredVariables: [],
        defaults: [
            .fr: NotificationTemplate(
                text: "Guichet : vous avez déjà un compte avec ce numéro. Connectez-vous avec votre mot de passe. Si ce n'était pas vous, ignorez ce message."),
            .ar: NotificationTemplate(
                text: "Guichet: لديك حساب بالفعل بهذا الرقم. سجّل الدخول بكلمة المرور. إذا لم تكن أنت، فتجاهل هذه الرسالة."),
            .en: NotificationTemplate(
                text: "Guichet: you already have an account with this number. Sign in with your password. If this was not you, ignore this message."),
        ])

    /// Every template the gateway sends.
    static let templates = TemplateCatalog([signUpCode, signUpCodeSMS, accountExists, accountExistsSMS])

    /// The template for `purpose` by `medium`.
    static func template(for purpose: VerificationMessage.Purpose, by medium: TemplateDefinition.Medium) -> TemplateDefinition {
        switch (purpose, medium) {
        case (.signUp, .email): signUpCode
        case (.signUp, .sms): signUpCodeSMS
        case (.accountExists, .email): accountExists
        case (.accountExists, .sms): accountExistsSMS
        }
    }
}
