/// Wraps a value that must never appear in logs or error messages (passwords, tokens, keys).
///
/// Its description, debug description and mirror all read `[redacted]`; the value is reached only by
/// naming ``value`` explicitly. It is deliberately not `Encodable`.
public struct Secret<Value: Sendable>: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The wrapped value; reading it is a deliberate act.
    public let value: Value

    /// Wraps `value`.
    public init(_ value: Value) {
        self.value = value
    }

    /// Always `[redacted]`.
    public var description: String { "[redacted]" }
    /// Always `[redacted]`.
    public var debugDescription: String { "[redacted]" }
    /// A mirror with no children, so that `dump` shows nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [:], displayStyle: .struct) }
}

extension Secret: Equatable where Value: Equatable {}
extension Secret: Hashable where Value: Hashable {}

extension JSONValue {
    /// A secret as a log field: always the string `[redacted]`.
    public init<Value>(_ secret: Secret<Value>) {
        self = .string(secret.description)
    }
}
