import Foundation
import GuichetCrypto
import GuichetNotifications

/// Reads back a message as a mail client would, for assertions: unfolded headers with RFC 2047
/// words decoded, and the parts of a multipart body with their transfer encoding undone.
struct MIMEReader {
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    init(_ data: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        var end = data.count
        if data.count >= 4 {
            for index in 0...(data.count - 4) where Array(data[index..<(index + 4)]) == separator {
                end = index
                break
            }
        }
        let head = String(decoding: data[..<end], as: UTF8.self)
        body = end + 4 <= data.count ? Array(data[(end + 4)...]) : []
        var headers: [(String, String)] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let last = headers.popLast() {
                headers.append((last.0, last.1 + line))
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        self.headers = headers
    }

    /// The raw (unfolded) value of the first header `name`.
    func raw(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The value of header `name`, encoded words decoded.
    func header(_ name: String) -> String? {
        raw(name).map(Self.decodeWords)
    }

    /// Decodes `=?UTF-8?B?…?=` words (folding white space between words dropped).
    static func decodeWords(_ value: String) -> String {
        var output: [UInt8] = []
        var rest = Substring(value)
        var lastWasWord = false
        while !rest.isEmpty {
            if rest.hasPrefix("=?UTF-8?B?"), let end = rest.dropFirst(10).firstRange(of: "?=") {
                let encoded = rest[rest.index(rest.startIndex, offsetBy: 10)..<end.lowerBound]
                output += Base64.decode(encoded) ?? Array("<bad base64>".utf8)
                rest = rest[end.upperBound...]
                lastWasWord = true
            } else if lastWasWord, let first = rest.first, first.isWhitespace, rest.drop(while: \.isWhitespace).hasPrefix("=?") {
                rest = rest.drop(while: \.isWhitespace)
            } else {
                output += Array(String(rest.removeFirst()).utf8)
                lastWasWord = false
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The parts of a multipart body.
    var parts: [MIMEReader] {
        guard let type = raw("Content-Type"), let range = type.range(of: "boundary=\"") else { return [] }
        let boundary = String(type[range.upperBound...].prefix { $0 != "\"" })
        let text = String(decoding: body, as: UTF8.self)
        let pieces = text.components(separatedBy: "--\(boundary)")
        return pieces.dropFirst().filter { !$0.hasPrefix("--") }.map { piece in
            var bytes = Array(piece.utf8)
            if bytes.starts(with: [13, 10]) { bytes.removeFirst(2) }
            if bytes.suffix(2).elementsEqual([13, 10]) { bytes.removeLast(2) }
            return MIMEReader(bytes)
        }
    }

    /// The body with its transfer encoding undone, as text.
    var decodedText: String {
        switch raw("Content-Transfer-Encoding")?.lowercased() {
        case "base64":
            let joined = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "")
            return String(decoding: Base64.decode(joined) ?? [], as: UTF8.self)
        case "quoted-printable":
            return String(decoding: QuotedPrintable.decode(String(decoding: body, as: UTF8.self)) ?? [], as: UTF8.self)
        default:
            return String(decoding: body, as: UTF8.self)
        }
    }

    /// The decoded body without the line end that closes a message.
    var decodedContent: String {
        var text = decodedText
        if text.hasSuffix("\r\n") { text.removeLast() }
        return text
    }
}
