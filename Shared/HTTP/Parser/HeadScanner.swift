#if canImport(Glibc)
import Glibc
#endif

/// Finds where a message head ends, enforcing the line discipline http_parser does not (its
/// Debian build accepts bare LF line ends, a CR followed by any byte, and folded lines):
///
/// - every line ends with CRLF: a bare LF, or a CR followed by anything but LF, is refused;
/// - no header line starts with SP or HTAB (obsolete folding);
/// - empty lines before the start line are skipped (RFC 9112, section 2.2) but count as head bytes;
/// - the head, CRLFs included, is at most `maxBytes` long, and holds at most `maxFields` header lines.
///
/// It keeps its state between calls, so a head may arrive in any number of pieces. Lines are
/// found with `memchr`, so the cost per byte is small.
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
    mutating func scan(_ bytes: UnsafeRawBufferPointer) throws(HTTPParserError) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        // Only look as far as the cap allows; one byte more proves the head too large.
        let available = min(bytes.count, maxBytes - seen + 1)
        var index = 0
        while index < available {
            if afterCR {
                guard bytes[index] == HTTPSyntax.lf else { throw .invalidLineEnding }
                afterCR = false
                index += 1
                if lineLength == 0 {
                    if completedLines > 0 {
                        try count(index)
                        return index
                    }
                    continue  // an empty line before the start line
                }
                completedLines += 1
                lineLength = 0
                if completedLines - 1 > maxFields { throw .tooManyHeaders }
                continue
            }
            if lineLength == 0 && completedLines > 0 && HTTPSyntax.isWhitespace(bytes[index]) {
                throw .obsoleteLineFolding
            }
            // The rest of this line: up to the next CR, with no LF before it.
            let rest = available - index
            let cr = memchr(base + index, Int32(HTTPSyntax.cr), rest).map { UnsafeRawPointer($0) - base }
            let lineEnd = cr ?? available
            if memchr(base + index, Int32(HTTPSyntax.lf), lineEnd - index) != nil { throw .invalidLineEnding }
            lineLength += lineEnd - index
            index = lineEnd
            if cr != nil {
                afterCR = true
                index += 1
            }
        }
        try count(available)
        return nil
    }

    /// Counts `count` more head bytes against the cap.
    private mutating func count(_ count: Int) throws(HTTPParserError) {
        seen += count
        if seen > maxBytes { throw .headTooLarge }
    }
}
