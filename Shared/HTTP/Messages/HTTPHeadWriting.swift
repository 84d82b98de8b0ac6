import GuichetCore

/// Helpers shared by the head serialisers: append ASCII pieces to a byte buffer.
enum HTTPHeadWriting {
    static let crlf: [UInt8] = [HTTPSyntax.cr, HTTPSyntax.lf]

    /// Appends the UTF-8 bytes of a string, copying contiguous storage in one go.
    @inline(__always)
    static func append(_ string: String, to buffer: inout [UInt8]) {
        let copied: Void? = string.utf8.withContiguousStorageIfAvailable { buffer.append(contentsOf: $0) }
        if copied == nil { buffer.append(contentsOf: string.utf8) }
    }

    /// Appends `name: value\r\n`.
    @inline(__always)
    static func appendField(_ name: String, _ value: String, to buffer: inout [UInt8]) {
        append(name, to: &buffer)
        buffer.append(HTTPSyntax.colon)
        buffer.append(HTTPSyntax.space)
        append(value, to: &buffer)
        buffer.append(HTTPSyntax.cr)
        buffer.append(HTTPSyntax.lf)
    }

    /// Appends `name: <decimal>\r\n` without going through a `String`.
    @inline(__always)
    static func appendField(_ name: StaticString, _ value: Int, to buffer: inout [UInt8]) {
        append(name, to: &buffer)
        buffer.append(HTTPSyntax.colon)
        buffer.append(HTTPSyntax.space)
        buffer.appendDecimal(value)
        buffer.append(HTTPSyntax.cr)
        buffer.append(HTTPSyntax.lf)
    }

    /// Appends the bytes of an ASCII literal.
    @inline(__always)
    static func append(_ literal: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `HTTP/1.x`.
    @inline(__always)
    static func append(_ version: HTTPVersion, to buffer: inout [UInt8]) {
        switch version {
        case .http1_0: append("HTTP/1.0", to: &buffer)
        case .http1_1: append("HTTP/1.1", to: &buffer)
        }
    }
}
