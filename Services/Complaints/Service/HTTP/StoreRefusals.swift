import GuichetCore

/// Turns the stores' refusals and the workflow's errors into the problems clients get.
enum StoreRefusals {
    /// The problem standing for `error` in `language`, or `error` itself when it is not a refusal.
    static func problem(for error: any Error, language: Language) -> any Error {
        switch error {
        case let error as WorkflowError:
            return error.problem(language: language)
        case let refusal as CaseStore.Refusal:
            switch refusal {
            case .notFound: return Problem(.notFound, language: language)
            case .versionMismatch: return Problem(.preconditionFailed, language: language)
            case .mergeTargetNotFound:
                return Problem(.invalidMerge, language: language).withErrors([.unknownValue("/into")])
            }
        case let refusal as AttachmentStore.Refusal:
            switch refusal {
            case .notFound: return Problem(.notFound, language: language)
            case .closed(let status): return WorkflowError.complaintClosed(status).problem(language: language)
            case .tooMany: return Problem(.tooManyAttachments, language: language)
            }
        case let refusal as ReferenceStore.Refusal:
            switch refusal {
            case .notFound: return Problem(.notFound, language: language)
            case .versionMismatch: return Problem(.preconditionFailed, language: language)
            case .duplicate: return Problem(.conflict, language: language)
            case .invalidGeometry: return Problem(.invalidGeometry, language: language)
            case .unknownCategory: return Problem.validation([.unknownValue("/category")], language: language)
            case .unknownZone: return Problem.validation([.unknownValue("/zone")], language: language)
            }
        default:
            return error
        }
    }

    /// Runs `body`, translating refusals into problems.
    static func translating<Value>(_ language: Language, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch {
            throw problem(for: error, language: language)
        }
    }
}
