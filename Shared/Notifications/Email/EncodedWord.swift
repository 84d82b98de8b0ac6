import GuichetCrypto

/// Header text for email (RFC 5322 and RFC 2047): plain ASCII stays as is, folded at spaces;
/// anything else becomes UTF-8 "encoded words" (`=?UTF-8?B?…?=`), each at most 75 characters,
/// never splitting a character, on lines of at most 76.
public enum EncodedWord {
    /// The longest header line written (RFC 2047 asks 76 of lines holding encoded words).
    static let maximumLineLength = 76

    /// The value of a header whose name (and `: `) takes `used` characters on the first line,
    /// folded with CRLF + space.
    public static func headerValue(_ text: String, used: Int) -> String {
        if isPlain(text) { return fold(text, used: used) }
        return encodedWords(text, used: used)
    }

    /// A display name for an address header: a quoted string when plain ASCII, encoded words
    /// otherwise.
    public static func displayName(_ name: String, used: Int) -> String {
        if isPlain(name) {
            var quoted = "\""
            for character in name {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return quoted + "\""
        }
        return encodedWords(name, used: used)
    }

    /// Whether `text` can go in a header as is: printable ASCII and spaces, without `=?`.
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 32 && $0 <= 126 } && !text.contains("=?")
    }

    /// Plain ASCII folded at spaces so that lines stay within 78 characters where possible.
    static func fold(_ text: String, used: Int) -> String {
        var output = ""
        var length = used
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0 {
                if length + 1 + word.count > 78, length > 1 {
                    output += "\r\n "
                    length = 1
                } else {
                    output += " "
                    length += 1
                }
            }
            output += word
            length += word.count
        }
        return output
    }

    /// `text` as base64 encoded words, folded: each word carries whole characters only.
    static func encodedWords(_ text: String, used: Int) -> String {
        let prefix = "=?UTF-8?B?"
        let suffix = "?="
        var words: [String] = []
        var chunk: [UInt8] = []
        var room = maximumBytes(lineRoom: maximumLineLength - used - prefix.count - suffix.count)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > room, !chunk.isEmpty {
                words.append(prefix + Base64.encode(chunk) + suffix)
                chunk = []
                room = maximumBytes(lineRoom: maximumLineLength - 1 - prefix.count - suffix.count)
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(prefix + Base64.encode(chunk) + suffix) }
        return words.joined(separator: "\r\n ")
    }

    /// The most bytes whose base64 fits in `lineRoom` characters (at least one character's worth).
    private static func maximumBytes(lineRoom: Int) -> Int {
        max(4, lineRoom / 4 * 3)
    }
}
