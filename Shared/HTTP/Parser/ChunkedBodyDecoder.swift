/// Decodes a chunked body (RFC 9112, section 7.1) in Swift, byte-exact where http_parser's
/// Debian build is lenient (it accepts any byte after a chunk-size CR, any two bytes after chunk
/// data, and swallows bare LFs inside chunk extensions):
///
/// ```
/// chunk-size [ BWS ; extension ] CRLF   data   CRLF   …   0 [ ; extension ] CRLF   *(trailer CRLF)   CRLF
/// ```
///
/// - chunk sizes are hexadecimal, may not overflow, and count against the body limit as soon
///   as they are read;
/// - extensions are allowed but not interpreted; their bytes (no controls but HTAB) are
///   bounded per message;
/// - trailer lines must look like `name: value`; they are bounded and ignored;
/// - every line ends with CRLF.
struct ChunkedBodyDecoder {
    /// What one call found.
    enum Output {
        /// Body bytes at this range of the buffer.
        case data(Range<Int>)
        /// The final CRLF of the body was read.
        case end
    }

    private enum State {
        case sizeStart
        case size
        case whitespaceAfterSize
        case extensions
        case sizeLineFeed
        case data(remaining: Int)
        case dataCarriageReturn
        case dataLineFeed
        case trailerLineStart
        case trailerName
        case trailerValue
        case trailerLineFeed
        case finalLineFeed
    }

    private var state = State.sizeStart
    private var chunkSize = 0
    private var bodyBytes = 0
    private var extensionBytes = 0
    private var trailerBytes = 0

    /// Decodes from `bytes[start...]`. Returns how far it read (an index into `bytes`) and what it
    /// found there, nil meaning every byte was framing and more input is needed.
    mutating func decode(
        _ bytes: UnsafeRawBufferPointer, from start: Int, bodyLimit: Int, limits: HTTPParser.Limits
    ) throws(HTTPParserError) -> (end: Int, output: Output?) {
        var index = start
        while index < bytes.count {
            if case .data(let remaining) = state {
                let count = min(remaining, bytes.count - index)
                state = count == remaining ? .dataCarriageReturn : .data(remaining: remaining - count)
                return (index + count, .data(index..<(index + count)))
            }
            let byte = bytes[index]
            index += 1
            switch state {
            case .sizeStart:
                guard let digit = HTTPSyntax.hexValue(byte) else {
                    throw byte == HTTPSyntax.lf ? .invalidLineEnding : .invalidChunk
                }
                chunkSize = Int(digit)
                state = .size
            case .size:
                if let digit = HTTPSyntax.hexValue(byte) {
                    guard chunkSize <= (Int.max - 15) / 16 else { throw .invalidChunk }
                    chunkSize = chunkSize * 16 + Int(digit)
                } else {
                    try endSize(at: byte, limits: limits)
                }
            case .whitespaceAfterSize:
                switch byte {
                case HTTPSyntax.space, HTTPSyntax.tab: try countExtensionByte(limits)
                case UInt8(ascii: ";"): try countExtensionByte(limits); state = .extensions
                case HTTPSyntax.lf: throw .invalidLineEnding
                default: throw .invalidChunk
                }
            case .extensions:
                switch byte {
                case HTTPSyntax.cr: state = .sizeLineFeed
                case HTTPSyntax.lf: throw .invalidLineEnding
                default:
                    guard HTTPSyntax.isFieldValueByte(byte) else { throw .invalidChunk }
                    try countExtensionByte(limits)
                }
            case .sizeLineFeed:
                guard byte == HTTPSyntax.lf else { throw .invalidLineEnding }
                guard chunkSize <= bodyLimit - bodyBytes else { throw .bodyTooLarge }
                bodyBytes += chunkSize
                state = chunkSize == 0 ? .trailerLineStart : .data(remaining: chunkSize)
            case .data:
                preconditionFailure("chunk data is handled before reading a framing byte")
            case .dataCarriageReturn:
                guard byte == HTTPSyntax.cr else { throw byte == HTTPSyntax.lf ? .invalidLineEnding : .invalidChunk }
                state = .dataLineFeed
            case .dataLineFeed:
                guard byte == HTTPSyntax.lf else { throw .invalidLineEnding }
                state = .sizeStart
            case .trailerLineStart:
                switch byte {
                case HTTPSyntax.cr: state = .finalLineFeed
                case HTTPSyntax.lf: throw .invalidLineEnding
                case HTTPSyntax.space, HTTPSyntax.tab: throw .obsoleteLineFolding
                default:
                    guard HTTPSyntax.isTokenByte(byte) else { throw .invalidChunk }
                    try countTrailerByte(limits)
                    state = .trailerName
                }
            case .trailerName:
                try countTrailerByte(limits)
                if byte == HTTPSyntax.colon {
                    state = .trailerValue
                } else if !HTTPSyntax.isTokenByte(byte) {
                    throw byte == HTTPSyntax.lf ? .invalidLineEnding : .invalidChunk
                }
            case .trailerValue:
                switch byte {
                case HTTPSyntax.cr: state = .trailerLineFeed
                case HTTPSyntax.lf: throw .invalidLineEnding
                default:
                    guard HTTPSyntax.isFieldValueByte(byte) else { throw .invalidChunk }
                    try countTrailerByte(limits)
                }
            case .trailerLineFeed:
                guard byte == HTTPSyntax.lf else { throw .invalidLineEnding }
                state = .trailerLineStart
            case .finalLineFeed:
                guard byte == HTTPSyntax.lf else { throw .invalidLineEnding }
                return (index, .end)
            }
        }
        return (index, nil)
    }

    private mutating func endSize(at byte: UInt8, limits: HTTPParser.Limits) throws(HTTPParserError) {
        switch byte {
        case HTTPSyntax.cr: state = .sizeLineFeed
        case HTTPSyntax.space, HTTPSyntax.tab: try countExtensionByte(limits); state = .whitespaceAfterSize
        case UInt8(ascii: ";"): try countExtensionByte(limits); state = .extensions
        case HTTPSyntax.lf: throw .invalidLineEnding
        default: throw .invalidChunk
        }
    }

    private mutating func countExtensionByte(_ limits: HTTPParser.Limits) throws(HTTPParserError) {
        extensionBytes += 1
        if extensionBytes > limits.maxChunkExtensionBytes { throw .chunkExtensionsTooLarge }
    }

    private mutating func countTrailerByte(_ limits: HTTPParser.Limits) throws(HTTPParserError) {
        trailerBytes += 1
        if trailerBytes > limits.maxTrailerBytes { throw .trailersTooLarge }
    }
}
