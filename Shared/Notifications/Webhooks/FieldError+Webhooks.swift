import GuichetCore

// The field errors of webhook registration, with messages in French, Arabic and English.

extension FieldError {
    /// `https_required`: the endpoint must be reached over HTTPS.
    static func webhookNeedsHTTPS(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "https_required",
            message: LocalizedText(
                fr: "L'adresse doit commencer par https://.", ar: "يجب أن يبدأ العنوان بـ https://.",
                en: "The address must start with https://."))
    }

    /// `unresolvable`: the endpoint's host name does not resolve.
    static func webhookUnresolvable(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "unresolvable",
            message: LocalizedText(
                fr: "Le nom d'hôte de cette adresse est introuvable.", ar: "اسم المضيف في هذا العنوان غير موجود.",
                en: "The host name of this address does not resolve."))
    }

    /// `address_not_allowed`: the endpoint resolves only to addresses the tenant may not reach
    /// (loopback, private or link-local networks).
    static func webhookAddressNotAllowed(_ field: String) -> FieldError {
        FieldError(
            field: field, code: "address_not_allowed",
            message: LocalizedText(
                fr: "Cette adresse mène à un réseau privé ou local, que ce compte ne peut pas joindre.",
                ar: "يؤدي هذا العنوان إلى شبكة خاصة أو محلية لا يمكن لهذا الحساب الوصول إليها.",
                en: "This address leads to a private or local network, which this tenant may not reach."))
    }
}
