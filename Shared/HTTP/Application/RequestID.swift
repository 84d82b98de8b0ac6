import FoundationEssentials
import GuichetCore

/// Request ids: taken from a client's `X-Request-ID` when it is well-formed, made here otherwise.
public enum RequestID {
    /// The longest request id accepted from a client.
    public static let maximumLength = 128

    /// A new id: a time-ordered UUID, lowercase.
    public static func make() -> String {
        UUID.timeOrdered().lowercaseString
    }

    /// `candidate` when it is 1–128 characters of letters, digits, `.`, `_`, `-` and `:`; nil
    /// otherwise (so a client cannot inject anything into logs or upstream headers).
    public static func accepting(_ candidate: String?) -> String? {
        guard let candidate, !candidate.isEmpty, candidate.utf8.count <= maximumLength else { return nil }
        let acceptable = candidate.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"),
                UInt8(ascii: ":"):
                true
            default:
                false
            }
        }
        return acceptable ? candidate : nil
    }
}

/// W3C Trace Context `traceparent` values (`00-<trace id>-<parent id>-<flags>`).
public enum TraceParent {
    /// `value` when it is a well-formed version-00 traceparent with non-zero ids; nil otherwise.
    public static func validated(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        guard bytes.count == 55, bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"),
            bytes[52] == UInt8(ascii: "-"), bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "0")
        else { return nil }
        let traceID = bytes[3..<35]
        let parentID = bytes[36..<52]
        let flags = bytes[53..<55]
        guard traceID.allSatisfy(isLowerHex), parentID.allSatisfy(isLowerHex), flags.allSatisfy(isLowerHex),
            !traceID.allSatisfy({ $0 == UInt8(ascii: "0") }), !parentID.allSatisfy({ $0 == UInt8(ascii: "0") })
        else { return nil }
        return value
    }

    /// A traceparent for a call made while handling a request: the same trace with a new parent
    /// id, or a new trace when the request carried none.
    public static func child(of parent: String?) -> String {
        let spanID = randomHex(byteCount: 8)
        if let parent, validated(parent) != nil {
            let utf8 = Array(parent.utf8)
            let traceID = String(decoding: utf8[3..<35], as: UTF8.self)
            let flags = String(decoding: utf8[53..<55], as: UTF8.self)
            return "00-\(traceID)-\(spanID)-\(flags)"
        }
        return "00-\(randomHex(byteCount: 16))-\(spanID)-01"
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private static func randomHex(byteCount: Int) -> String {
        var generator = PooledRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(byteCount * 2)
        var word: UInt64 = 0
        for index in 0..<byteCount {
            if index % 8 == 0 { word = generator.next() }
            let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8)))
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0f)])
        }
        // An all-zero id is invalid; the chance is 2^-64, but make it impossible.
        if result.allSatisfy({ $0 == UInt8(ascii: "0") }) { result[result.count - 1] = UInt8(ascii: "1") }
        return String(decoding: result, as: UTF8.self)
    }
}
