import GuichetCore

/// The parameters of a GeoReport call (a query string or a form body), as name–value pairs in
/// order, with the specification's conventions: an empty value is the same as no parameter, and
/// list parameters may be repeated or comma-separated.
public struct Open311Parameters: Sendable, Hashable {
    /// The parameters, in order.
    public var items: [Item]

    /// One parameter.
    public struct Item: Sendable, Hashable {
        /// Its name.
        public var name: String
        /// Its value.
        public var value: String

        /// A parameter from its name and value.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Parameters from name–value pairs (what `URLQuery` decodes).
    public init(_ pairs: [(name: String, value: String)]) {
        items = pairs.map { Item(name: $0.name, value: $0.value) }
    }

    /// The single non-empty value of `name`; `nil` when absent or empty; a failure when given
    /// twice with different values.
    func single(_ name: String, errors: inout [Open311Error]) -> String? {
        let values = items.filter { $0.name == name }.map { String($0.value.trimmingWhitespace()) }.filter { !$0.isEmpty }
        guard let first = values.first else { return nil }
        if values.contains(where: { $0 != first }) {
            errors.append(Open311Error(code: 400, description: "\(name) is given more than once"))
            return nil
        }
        return first
    }

    /// Every value of a list parameter, split on commas, trimmed, empty ones dropped.
    func list(_ name: String) -> [String] {
        items.filter { $0.name == name }.flatMap { $0.value.split(separator: ",") }.map { String($0.trimmingWhitespace()) }
            .filter { !$0.isEmpty }
    }

    /// Checks `jurisdiction_id` against the tenant's slug: a different one is a 404 (the
    /// specification's "jurisdiction_id provided was not found"), a missing one a 400 when
    /// `required`.
    public func checkJurisdiction(_ slug: String, required: Bool) throws(Open311Failure) {
        var errors: [Open311Error] = []
        let given = single("jurisdiction_id", errors: &errors)
        if !errors.isEmpty { throw Open311Failure(status: 400, errors: errors) }
        if let given, given != slug { throw Open311Failure(status: 404, description: "jurisdiction_id \(given) was not found") }
        if given == nil && required { throw Open311Failure(status: 400, description: "jurisdiction_id was not provided") }
    }
}
