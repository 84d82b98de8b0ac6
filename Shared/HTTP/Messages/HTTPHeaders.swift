/// The header fields of an HTTP message: ordered (name, value) pairs with case-insensitive lookup.
///
/// Order and duplicates are kept as received or added. Names compare ignoring ASCII case.
///
/// Fields set from Swift code are validated so that no header can be injected:
/// - a name must be a non-empty token (RFC 9110 `tchar`s); anything else is a programming error
///   and stops the process (`precondition`), because names come from code, not from users;
/// - a value has every byte that may not appear in a field value (NUL, CR, LF, the other
///   controls except HTAB, and DEL) **stripped**, because values often carry user data and
///   must never split a header line. Valid values are stored as given, without a copy.
///
/// Fields parsed by ``HTTPParser`` were validated by the parser and are stored unchanged.
public struct HTTPHeaders: Sendable {
    /// One header field.
    public struct Field: Hashable, Sendable {
        /// The field name, as received or added.
        public var name: String
        /// The field value.
        public var value: String

        /// A field; use ``HTTPHeaders/add(_:_:)`` to have it validated.
        init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    private var fields: [Field]

    /// No headers.
    public init() {
        fields = []
    }

    /// Headers from (name, value) pairs, validated as described on the type.
    public init(_ pairs: [(String, String)]) {
        fields = []
        fields.reserveCapacity(pairs.count)
        for (name, value) in pairs {
            add(name, value)
        }
    }

    /// Headers that are already valid (parsed by ``HTTPParser``), stored without checks.
    init(validatedFields: [Field]) {
        fields = validatedFields
    }

    /// Reserves room for `count` fields.
    public mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
    }

    /// The value of the first field named `name` (ignoring case), or nil.
    public subscript(name: String) -> String? {
        for field in fields where Self.name(field.name, matches: name) {
            return field.value
        }
        return nil
    }

    /// The values of every field named `name` (ignoring case), in order.
    public func values(for name: String) -> [String] {
        fields.compactMap { Self.name($0.name, matches: name) ? $0.value : nil }
    }

    /// The number of fields named `name` (ignoring case).
    public func count(of name: String) -> Int {
        var count = 0
        for field in fields where Self.name(field.name, matches: name) {
            count += 1
        }
        return count
    }

    /// Whether a field named `name` (ignoring case) is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.name($0.name, matches: name) }
    }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func add(_ name: String, _ value: String) {
        precondition(HTTPSyntax.isToken(name), "invalid HTTP header name: \(name.debugDescription)")
        fields.append(Field(name: name, value: Self.sanitized(value)))
    }

    /// Replaces the first field named `name` (ignoring case) and removes the others; appends
    /// the field if there was none.
    public mutating func replaceOrAdd(_ name: String, _ value: String) {
        precondition(HTTPSyntax.isToken(name), "invalid HTTP header name: \(name.debugDescription)")
        let value = Self.sanitized(value)
        guard let first = fields.firstIndex(where: { Self.name($0.name, matches: name) }) else {
            fields.append(Field(name: name, value: value))
            return
        }
        fields[first] = Field(name: name, value: value)
        var index = fields.index(after: first)
        while index < fields.endIndex {
            if Self.name(fields[index].name, matches: name) {
                fields.remove(at: index)
            } else {
                index += 1
            }
        }
    }

    /// Removes every field named `name` (ignoring case).
    public mutating func remove(_ name: String) {
        fields.removeAll { Self.name($0.name, matches: name) }
    }

    /// Whether a field name equals `other` ignoring ASCII case.
    @inline(__always)
    static func name(_ name: String, matches other: String) -> Bool {
        HTTPSyntax.equalsIgnoringCase(name.utf8, other.utf8)
    }

    /// The value with every byte that may not appear in a field value removed.
    static func sanitized(_ value: String) -> String {
        if value.utf8.allSatisfy(HTTPSyntax.isFieldValueByte) {
            return value
        }
        return String(decoding: value.utf8.filter(HTTPSyntax.isFieldValueByte), as: UTF8.self)
    }
}

extension HTTPHeaders: RandomAccessCollection {
    /// The position of the first field.
    public var startIndex: Int { fields.startIndex }
    /// The position after the last field.
    public var endIndex: Int { fields.endIndex }
    /// The field at `position`, in received or added order.
    public subscript(position: Int) -> Field { fields[position] }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    /// Headers from a literal such as `["content-type": "application/json"]`, in literal order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }
}

extension HTTPHeaders: Equatable {
    /// Whether both hold the same fields (exact names and values) in the same order.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields == rhs.fields
    }
}

extension HTTPHeaders: CustomStringConvertible {
    /// The fields as `name: value` lines, for logs and test failures.
    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}
