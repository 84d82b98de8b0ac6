// The platform's problem kinds, shared by every service. Titles and details are written for the
// people who read them, in French, Arabic and English.

extension ProblemKind {
    /// 400: the request body is not valid JSON.
    public static let malformedJSON = ProblemKind(
        code: "malformed_json", status: 400,
        title: LocalizedText(fr: "JSON mal formé", ar: "JSON غير صالح", en: "Malformed JSON"),
        detail: LocalizedText(
            fr: "Le corps de la requête n'est pas un document JSON valide.",
            ar: "محتوى الطلب ليس مستند JSON صالحًا.",
            en: "The request body is not a valid JSON document."))

    /// 400: the request cannot be processed as sent (bad syntax, missing header, bad parameter).
    public static let badRequest = ProblemKind(
        code: "bad_request", status: 400,
        title: LocalizedText(fr: "Requête invalide", ar: "طلب غير صالح", en: "Bad request"),
        detail: LocalizedText(
            fr: "La requête ne peut pas être traitée telle qu'elle a été envoyée.",
            ar: "لا يمكن معالجة الطلب بالصيغة التي أُرسل بها.",
            en: "The request cannot be processed as sent."))

    /// 422: some fields are invalid; the problem's `errors` list them.
    public static let validationFailed = ProblemKind(
        code: "validation_failed", status: 422,
        title: LocalizedText(fr: "Données invalides", ar: "بيانات غير صالحة", en: "Validation failed"),
        detail: LocalizedText(
            fr: "Certains champs de la requête sont invalides. Consultez la liste des erreurs.",
            ar: "بعض حقول الطلب غير صالحة. راجع قائمة الأخطاء.",
            en: "Some fields of the request are invalid. See the list of errors."))

    /// 404: the resource does not exist (or is not visible to the caller).
    public static let notFound = ProblemKind(
        code: "not_found", status: 404,
        title: LocalizedText(fr: "Ressource introuvable", ar: "المورد غير موجود", en: "Not found"),
        detail: LocalizedText(
            fr: "La ressource demandée n'existe pas.",
            ar: "المورد المطلوب غير موجود.",
            en: "The requested resource does not exist."))

    /// 405: the resource exists but does not accept this HTTP method.
    public static let methodNotAllowed = ProblemKind(
        code: "method_not_allowed", status: 405,
        title: LocalizedText(fr: "Méthode non autorisée", ar: "الطريقة غير مسموح بها", en: "Method not allowed"),
        detail: LocalizedText(
            fr: "Cette méthode HTTP n'est pas acceptée pour cette ressource.",
            ar: "طريقة HTTP هذه غير مقبولة لهذا المورد.",
            en: "This HTTP method is not allowed for this resource."))

    /// 408: the request did not arrive completely in time.
    public static let requestTimeout = ProblemKind(
        code: "request_timeout", status: 408,
        title: LocalizedText(fr: "Délai de requête dépassé", ar: "انتهت مهلة الطلب", en: "Request timeout"),
        detail: LocalizedText(
            fr: "La requête n'a pas été reçue entièrement dans le délai imparti.",
            ar: "لم يُستلم الطلب كاملًا في الوقت المحدد.",
            en: "The request was not received completely in time."))

    /// 409: the request conflicts with the resource's current state.
    public static let conflict = ProblemKind(
        code: "conflict", status: 409,
        title: LocalizedText(fr: "Conflit", ar: "تعارض", en: "Conflict"),
        detail: LocalizedText(
            fr: "La requête est en conflit avec l'état actuel de la ressource.",
            ar: "يتعارض الطلب مع الحالة الحالية للمورد.",
            en: "The request conflicts with the current state of the resource."))

    /// 410: the resource existed and is no longer available.
    public static let gone = ProblemKind(
        code: "gone", status: 410,
        title: LocalizedText(fr: "Ressource supprimée", ar: "المورد لم يعد متاحًا", en: "Gone"),
        detail: LocalizedText(
            fr: "La ressource demandée n'est plus disponible.",
            ar: "المورد المطلوب لم يعد متاحًا.",
            en: "The requested resource is no longer available."))

    /// 412: `If-Match` did not match: the resource changed since the client read it.
    public static let preconditionFailed = ProblemKind(
        code: "precondition_failed", status: 412,
        title: LocalizedText(fr: "Précondition non remplie", ar: "الشرط المسبق غير مستوفى", en: "Precondition failed"),
        detail: LocalizedText(
            fr: "La ressource a été modifiée entre-temps. Rechargez-la puis réessayez.",
            ar: "عُدِّل المورد في هذه الأثناء. أعد تحميله ثم حاول مجددًا.",
            en: "The resource has changed in the meantime. Reload it and try again."))

    /// 413: the request body is larger than the route accepts.
    public static let payloadTooLarge = ProblemKind(
        code: "payload_too_large", status: 413,
        title: LocalizedText(fr: "Contenu trop volumineux", ar: "المحتوى كبير جدًا", en: "Payload too large"),
        detail: LocalizedText(
            fr: "Le corps de la requête dépasse la taille autorisée.",
            ar: "يتجاوز محتوى الطلب الحجم المسموح به.",
            en: "The request body exceeds the allowed size."))

    /// 415: the request's `Content-Type` is not one the route accepts.
    public static let unsupportedMediaType = ProblemKind(
        code: "unsupported_media_type", status: 415,
        title: LocalizedText(
            fr: "Type de contenu non pris en charge", ar: "نوع المحتوى غير مدعوم", en: "Unsupported media type"),
        detail: LocalizedText(
            fr: "Le type de contenu de la requête n'est pas accepté.",
            ar: "نوع محتوى الطلب غير مقبول.",
            en: "The request's content type is not accepted."))

    /// 431: the request's header section is too large.
    public static let headersTooLarge = ProblemKind(
        code: "headers_too_large", status: 431,
        title: LocalizedText(fr: "En-têtes trop volumineux", ar: "الترويسات كبيرة جدًا", en: "Request headers too large"),
        detail: LocalizedText(
            fr: "Les en-têtes de la requête dépassent la taille autorisée.",
            ar: "تتجاوز ترويسات الطلب الحجم المسموح به.",
            en: "The request headers exceed the allowed size."))

    /// 429: the client exceeded its rate limit.
    public static let tooManyRequests = ProblemKind(
        code: "too_many_requests", status: 429,
        title: LocalizedText(fr: "Trop de requêtes", ar: "طلبات كثيرة جدًا", en: "Too many requests"),
        detail: LocalizedText(
            fr: "Trop de requêtes ont été envoyées. Réessayez plus tard.",
            ar: "أُرسل عدد كبير جدًا من الطلبات. حاول مرة أخرى لاحقًا.",
            en: "Too many requests have been sent. Try again later."))

    /// 401: no valid credentials were presented.
    public static let unauthorized = ProblemKind(
        code: "unauthorized", status: 401,
        title: LocalizedText(fr: "Authentification requise", ar: "المصادقة مطلوبة", en: "Authentication required"),
        detail: LocalizedText(
            fr: "Une authentification valide est nécessaire pour accéder à cette ressource.",
            ar: "يلزم توفر مصادقة صالحة للوصول إلى هذا المورد.",
            en: "Valid authentication is required to access this resource."))

    /// 403: the caller is known but lacks the rights for this action.
    public static let forbidden = ProblemKind(
        code: "forbidden", status: 403,
        title: LocalizedText(fr: "Accès refusé", ar: "الوصول مرفوض", en: "Forbidden"),
        detail: LocalizedText(
            fr: "Vous n'avez pas les droits nécessaires pour effectuer cette action.",
            ar: "ليست لديك الصلاحيات اللازمة للقيام بهذا الإجراء.",
            en: "You do not have the rights needed to perform this action."))

    /// 422: an `Idempotency-Key` was reused with a different request.
    public static let idempotencyKeyReused = ProblemKind(
        code: "idempotency_key_reused", status: 422,
        title: LocalizedText(
            fr: "Clé d'idempotence déjà utilisée", ar: "مفتاح عدم التكرار مستعمل مسبقًا", en: "Idempotency key reused"),
        detail: LocalizedText(
            fr: "Cette clé d'idempotence (Idempotency-Key) a déjà été utilisée pour une requête différente.",
            ar: "سبق استعمال مفتاح عدم التكرار (Idempotency-Key) هذا لطلب مختلف.",
            en: "This idempotency key (Idempotency-Key) has already been used for a different request."))

    /// 404: no tenant (ministry or public body) has this slug.
    public static let tenantNotFound = ProblemKind(
        code: "tenant_not_found", status: 404,
        title: LocalizedText(fr: "Organisme introuvable", ar: "الجهة غير موجودة", en: "Tenant not found"),
        detail: LocalizedText(
            fr: "Aucun organisme ne correspond à cet identifiant.",
            ar: "لا توجد أي جهة مطابقة لهذا المعرّف.",
            en: "No organisation matches this identifier."))

    /// 500: an unexpected failure; details go to the logs, never to the client.
    public static let internalError = ProblemKind(
        code: "internal_error", status: 500,
        title: LocalizedText(fr: "Erreur interne", ar: "خطأ داخلي", en: "Internal error"),
        detail: LocalizedText(
            fr: "Une erreur inattendue s'est produite. Réessayez plus tard.",
            ar: "حدث خطأ غير متوقع. حاول مرة أخرى لاحقًا.",
            en: "An unexpected error occurred. Try again later."))

    /// 502: an upstream service answered with something invalid.
    public static let badGateway = ProblemKind(
        code: "bad_gateway", status: 502,
        title: LocalizedText(fr: "Passerelle défaillante", ar: "خطأ في البوابة", en: "Bad gateway"),
        detail: LocalizedText(
            fr: "Un service interne a renvoyé une réponse invalide.",
            ar: "أعادت خدمة داخلية استجابة غير صالحة.",
            en: "An internal service returned an invalid response."))

    /// 503: the service cannot serve now (starting, draining, overloaded).
    public static let serviceUnavailable = ProblemKind(
        code: "service_unavailable", status: 503,
        title: LocalizedText(fr: "Service indisponible", ar: "الخدمة غير متاحة", en: "Service unavailable"),
        detail: LocalizedText(
            fr: "Le service est momentanément indisponible. Réessayez plus tard.",
            ar: "الخدمة غير متاحة مؤقتًا. حاول مرة أخرى لاحقًا.",
            en: "The service is temporarily unavailable. Try again later."))

    /// 503: the database cannot be reached.
    public static let databaseUnavailable = ProblemKind(
        code: "database_unavailable", status: 503,
        title: LocalizedText(fr: "Base de données indisponible", ar: "قاعدة البيانات غير متاحة", en: "Database unavailable"),
        detail: LocalizedText(
            fr: "La base de données est momentanément inaccessible. Réessayez plus tard.",
            ar: "يتعذر الوصول إلى قاعدة البيانات مؤقتًا. حاول مرة أخرى لاحقًا.",
            en: "The database is temporarily unreachable. Try again later."))

    /// 504: an upstream service did not answer in time.
    public static let gatewayTimeout = ProblemKind(
        code: "gateway_timeout", status: 504,
        title: LocalizedText(fr: "Délai de la passerelle dépassé", ar: "انتهت مهلة البوابة", en: "Gateway timeout"),
        detail: LocalizedText(
            fr: "Un service interne n'a pas répondu à temps.",
            ar: "لم تستجب خدمة داخلية في الوقت المحدد.",
            en: "An internal service did not respond in time."))

    /// 505: the request used an HTTP version other than HTTP/1.1 (or 1.0).
    public static let httpVersionNotSupported = ProblemKind(
        code: "http_version_not_supported", status: 505,
        title: LocalizedText(
            fr: "Version HTTP non prise en charge", ar: "إصدار HTTP غير مدعوم", en: "HTTP version not supported"),
        detail: LocalizedText(
            fr: "Cette version du protocole HTTP n'est pas prise en charge.",
            ar: "إصدار بروتوكول HTTP هذا غير مدعوم.",
            en: "This version of the HTTP protocol is not supported."))

    /// 503: the server is at its connection cap.
    public static let tooManyConnections = ProblemKind(
        code: "too_many_connections", status: 503,
        title: LocalizedText(fr: "Trop de connexions", ar: "اتصالات كثيرة جدًا", en: "Too many connections"),
        detail: LocalizedText(
            fr: "Le serveur a atteint son nombre maximal de connexions. Réessayez plus tard.",
            ar: "بلغ الخادم الحد الأقصى لعدد الاتصالات. حاول مرة أخرى لاحقًا.",
            en: "The server has reached its maximum number of connections. Try again later."))

    /// Every kind declared by the platform kit, for documentation and tests.
    public static let platformCatalog: [ProblemKind] = [
        .malformedJSON, .badRequest, .validationFailed, .notFound, .methodNotAllowed, .requestTimeout,
        .conflict, .gone, .preconditionFailed, .payloadTooLarge, .unsupportedMediaType, .headersTooLarge,
        .tooManyRequests, .unauthorized, .forbidden, .idempotencyKeyReused, .tenantNotFound, .internalError,
        .badGateway, .serviceUnavailable, .databaseUnavailable, .gatewayTimeout, .httpVersionNotSupported,
        .tooManyConnections,
    ]
}
