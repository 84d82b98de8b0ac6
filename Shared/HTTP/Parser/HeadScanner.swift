/// Finds where a message head ends, enforcing the line discipline http_parser does not (its
/// Debian build accepts bare LF line ends, a CR followed by any byte, and folded lines):
///
/// - every line ends with CRLF: a bare LF, or a CR followed by anything but LF, is refused;
/// - no header line starts with SP or HTAB (obsolete folding);
/// - empty lines before the start line are skipped (RFC 9112, section 2.2) but count as head bytes;
/// - the head, CRLFs included, is at most `maxBytes` long, and holds at most `maxFields` header lines.
///
/// It keeps its state between calls, so a head may arrive in any number of pieces.
struct HeadScanner {
    private var seen = 0
    private var lineLength = 0
    private var completedLines = 0
    private var afterCR = false

    let maxBytes: Int
    let maxFields: Int

    init(maxBytes: Int, maxFields: Int) {
        self.maxBytes = maxBytes
        self.maxFields = maxFields
    }

    /// Whether no byte of a message (other than empty lines before it) has been seen.
    var isAtMessageStart: Bool { completedLines == 0 && lineLength == 0 && !afterCR }

    /// Forgets the previous head.
    mutating func reset() {
        seen = 0
        lineLength = 0
        completedLines = 0
        afterCR = false
    }

    /// Scans the next bytes of the head. Returns the number of bytes up to and including the LF
    /// that ends the head, or nil when the head goes on past `bytes`.
    mutating func scan(_ bytes: UnsafeRawBufferPointer.SubSequence) throws(HTTPParserError) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            seen += 1
            if seen > maxBytes { throw .headTooLarge }
            if afterCR {
                guard byte == HTTPSyntax.lf else { throw .invalidLineEnding }
                afterCR = false
                if lineLength == 0 {
                    if completedLines > 0 { return index - bytes.startIndex }
                    continue  // an empty line before the start line
                }
                completedLines += 1
                lineLength = 0
                if completedLines - 1 > maxFields { throw .tooManyHeaders }
                continue
            }
            switch byte {
            case HTTPSyntax.cr:
                afterCR = true
            case HTTPSyntax.lf:
                throw .invalidLineEnding
            default:
                if lineLength == 0 && completedLines > 0 && HTTPSyntax.isWhitespace(byte) {
                    throw .obsoleteLineFolding
                }
                lineLength += 1
            }
        }
        return nil
    }
}
