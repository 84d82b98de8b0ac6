import GuichetCore

extension ProblemKind {
    /// 417: an `Expect` other than `100-continue`.
    public static let expectationFailed = ProblemKind(
        code: "expectation_failed", status: 417,
        title: LocalizedText(fr: "Attente non satisfaite", ar: "تعذّر تلبية التوقّع", en: "Expectation failed"),
        detail: LocalizedText(
            fr: "Le serveur ne prend en charge que l'attente « 100-continue ».",
            ar: "لا يدعم الخادم إلا التوقّع «100-continue».",
            en: "The server supports only the \"100-continue\" expectation."))

    /// 501: a method or transfer coding the server does not implement.
    public static let notImplemented = ProblemKind(
        code: "not_implemented", status: 501,
        title: LocalizedText(fr: "Non pris en charge", ar: "غير مدعوم", en: "Not implemented"),
        detail: LocalizedText(
            fr: "Le serveur ne prend pas en charge la méthode ou le codage de transfert de cette requête.",
            ar: "لا يدعم الخادم طريقة هذا الطلب أو ترميز نقله.",
            en: "The server does not support this request's method or transfer coding."))

    /// The kind a connection answers with when it refuses a request with `status` before any
    /// handler sees it (a parse error, a limit, a timeout).
    static func forConnectionStatus(_ status: Int) -> ProblemKind {
        switch status {
        case 408: .requestTimeout
        case 413: .payloadTooLarge
        case 417: .expectationFailed
        case 431: .headersTooLarge
        case 501: .notImplemented
        case 502: .badGateway
        case 505: .httpVersionNotSupported
        default: .badRequest
        }
    }
}
