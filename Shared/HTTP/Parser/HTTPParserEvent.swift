/// What ``HTTPParser/feed(_:)`` found: one event per call.
///
/// A message is a head event, zero or more body events, then `end`.
public enum HTTPParserEvent: Sendable {
    /// Request mode: a complete, validated request head. The parser pauses: set
    /// ``HTTPParser/bodyLimit`` now if the route wants another limit.
    case requestHead(HTTPRequestHead)
    /// Response mode: a complete, validated final response head (1xx interim responses are
    /// skipped). The parser pauses.
    case responseHead(HTTPResponseHead)
    /// Body bytes: the range of the buffer passed to this `feed` call that holds them (chunk
    /// framing removed). Copy or use them before the buffer is reused.
    case body(Range<Int>)
    /// The message is complete. The parser pauses before the next message.
    case end
}

extension HTTPParser {
    /// The result of one ``HTTPParser/feed(_:)`` call.
    public struct Step: Sendable {
        /// How many bytes from the start of the fed buffer the parser used. Feed the rest
        /// (`bytes[consumed...]`, possibly empty) in the next call.
        public var consumed: Int
        /// The event found, or nil when every byte was used and more input is needed.
        public var event: HTTPParserEvent?
    }
}
