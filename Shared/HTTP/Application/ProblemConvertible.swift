import GuichetCore

/// An error that knows which RFC 9457 problem describes it to a client.
///
/// The server renders any thrown `Problem` as is, any `ProblemConvertible` error through this
/// requirement, and anything else as a logged `internal_error` (500) that reveals nothing.
public protocol ProblemConvertible: Error {
    /// The problem to send, in `language`.
    func problem(in language: Language) -> Problem
}

extension Problem: ProblemConvertible {
    public func problem(in language: Language) -> Problem {
        localized(language)
    }
}

extension HTTPResponse {
    /// The response describing `error` to a client speaking `language`; `internal` is true when
    /// the error was not meant for the client (the caller logs it).
    public static func describing(_ error: any Error, language: Language) -> (response: HTTPResponse, internal: Bool) {
        if let convertible = error as? any ProblemConvertible {
            return (.problem(convertible.problem(in: language)), false)
        }
        return (.problem(Problem(.internalError, language: language)), true)
    }
}
