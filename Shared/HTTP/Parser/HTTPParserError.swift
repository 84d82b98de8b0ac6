/// Why ``HTTPParser`` refused a message.
///
/// Every error leaves the byte stream out of step (the parser cannot know where the next
/// message starts), so the connection must close after the answer: ``closesConnection`` is
/// always true, and the parser keeps throwing the same error if fed again.
///
/// ``status`` is what a server answers a client whose request failed. For an HTTP client
/// parsing an upstream's response, every error means the upstream misbehaved, and a gateway
/// answers its own client with `502 Bad Gateway`.
public enum HTTPParserError: Error, Hashable, Sendable {
    /// A bare LF, or a CR not followed by LF, in a start line, header section, chunk-size line,
    /// after chunk data or in the trailers.
    case invalidLineEnding
    /// A header line starting with SP or HTAB (obsolete line folding, or whitespace between the
    /// start line and the first header).
    case obsoleteLineFolding
    /// A malformed request line (not `method SP target SP HTTP/x.y`, extra spaces, garbage).
    case invalidRequestLine
    /// A syntactically valid method that the server does not implement (unknown to the parser,
    /// or `CONNECT`).
    case unsupportedMethod
    /// A request target that is not origin-form (`/path?query`): absolute-form, authority-form,
    /// `*` with a method other than OPTIONS, a fragment, bytes outside visible ASCII, or a
    /// malformed percent-escape in the path.
    case invalidTarget
    /// A version other than HTTP/1.0 and HTTP/1.1.
    case unsupportedVersion
    /// A header name that is not a token (including whitespace before the colon), or a value
    /// holding NUL, a bare CR, another control character or DEL.
    case invalidHeaderField
    /// The head (start line, headers and CRLFs) is longer than ``HTTPParser/Limits/maxHeaderBytes``.
    case headTooLarge
    /// More header fields than ``HTTPParser/Limits/maxHeaderCount``.
    case tooManyHeaders
    /// An HTTP/1.1 request without exactly one `Host` field, an HTTP/1.0 request with several,
    /// or a malformed `Host` value.
    case invalidHost
    /// A `Content-Length` that is repeated (even with equal values), a list, empty, not digits
    /// or too large for the platform.
    case invalidContentLength
    /// Both `Content-Length` and `Transfer-Encoding`.
    case contentLengthWithTransferEncoding
    /// A malformed `Transfer-Encoding`: repeated fields, `chunked` twice, an empty or
    /// non-token element, or any transfer coding in an HTTP/1.0 message.
    case invalidTransferEncoding
    /// A well-formed `Transfer-Encoding` other than a single `chunked` (`gzip`, `gzip, chunked`).
    case unsupportedTransferEncoding
    /// A malformed chunk: chunk size not hexadecimal, overflowing, missing CRLF after the data,
    /// or a malformed chunk extension or trailer line.
    case invalidChunk
    /// The chunk extensions of a message add up to more than ``HTTPParser/Limits/maxChunkExtensionBytes``.
    case chunkExtensionsTooLarge
    /// The trailer section is longer than ``HTTPParser/Limits/maxTrailerBytes``.
    case trailersTooLarge
    /// The body, declared or streamed, is longer than ``HTTPParser/bodyLimit``.
    case bodyTooLarge
    /// Response mode: a malformed status line or a status code outside 100–599.
    case invalidStatusLine
    /// Response mode: a `101 Switching Protocols` response, which the client never asks for.
    case unexpectedSwitchingProtocols
    /// The stream ended in the middle of a message.
    case unexpectedEndOfStream

    /// The status a server answers with before closing the connection.
    public var status: HTTPStatus {
        switch self {
        case .unsupportedMethod, .unsupportedTransferEncoding: .notImplemented
        case .unsupportedVersion: .httpVersionNotSupported
        case .headTooLarge, .tooManyHeaders, .trailersTooLarge: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .invalidStatusLine, .unexpectedSwitchingProtocols: .badGateway
        case .invalidLineEnding, .obsoleteLineFolding, .invalidRequestLine, .invalidTarget, .invalidHeaderField,
            .invalidHost, .invalidContentLength, .contentLengthWithTransferEncoding, .invalidTransferEncoding,
            .invalidChunk, .chunkExtensionsTooLarge, .unexpectedEndOfStream:
            .badRequest
        }
    }

    /// Whether the connection must close after the answer: always, see the type's discussion.
    public var closesConnection: Bool { true }
}
