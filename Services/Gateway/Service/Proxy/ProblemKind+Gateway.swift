import GuichetCore

extension ProblemKind {
    /// A service behind the gateway cannot be reached: retry later.
    static let upstreamUnavailable = ProblemKind(
        code: "upstream_unavailable", status: 503,
        title: LocalizedText(fr: "Service momentanément indisponible", ar: "الخدمة غير متاحة مؤقتًا", en: "Service temporarily unavailable"),
        detail: LocalizedText(
            fr: "Le service demandé ne répond pas pour le moment. Réessayez dans quelques instants.",
            ar: "الخدمة المطلوبة لا تستجيب حاليًا. أعد المحاولة بعد لحظات.",
            en: "The requested service is not answering right now. Try again in a moment."))
}
