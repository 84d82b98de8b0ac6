/// The items of a URL query string or of an `application/x-www-form-urlencoded` body.
///
/// `a=1&b=x%20y&c&a=2` gives `a=1`, `b=x y`, `c=` (an item without `=` has an empty value) and
/// `a=2`: order and repeated names are kept, empty items (`&&`) are skipped, `+` is a space and
/// `%XX` escapes are decoded. Malformed escapes, `%00` and invalid UTF-8 throw. Names are
/// case-sensitive.
public struct URLQuery: Sendable {
    /// One decoded item.
    public struct Item: Hashable, Sendable {
        /// The decoded name.
        public var name: String
        /// The decoded value (empty for an item without `=`).
        public var value: String
    }

    /// The decoded items in order.
    public private(set) var items: [Item]

    /// The items of a raw query string (the part after `?`, as in ``HTTPRequestHead/query``).
    public init(parsing query: some StringProtocol) throws(URLDecodingError) {
        var text = String(query)
        items = try text.withUTF8 { bytes in
            Result { () throws(URLDecodingError) in try Self.parse(UnsafeRawBufferPointer(bytes)) }
        }.get()
    }

    /// The items of a form body (`application/x-www-form-urlencoded`).
    public init(decodingForm body: UnsafeRawBufferPointer) throws(URLDecodingError) {
        items = try Self.parse(body)
    }

    /// The items of a form body (`application/x-www-form-urlencoded`).
    public init(decodingForm body: [UInt8]) throws(URLDecodingError) {
        items = try body.withUnsafeBytes { bytes in
            Result { () throws(URLDecodingError) in try Self.parse(bytes) }
        }.get()
    }

    /// The value of the first item named `name`, or nil.
    public subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// The values of every item named `name`, in order.
    public func values(for name: String) -> [String] {
        items.compactMap { $0.name == name ? $0.value : nil }
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer) throws(URLDecodingError) -> [Item] {
        var items: [Item] = []
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "&") { end += 1 }
            if end > start {
                let item = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                let equals = item.firstIndex(of: UInt8(ascii: "=")) ?? item.count
                let name = try PercentDecoding.decode(
                    UnsafeRawBufferPointer(rebasing: item[..<equals]), plusAsSpace: true)
                let value =
                    equals < item.count
                    ? try PercentDecoding.decode(
                        UnsafeRawBufferPointer(rebasing: item[(equals + 1)...]), plusAsSpace: true)
                    : ""
                items.append(Item(name: name, value: value))
            }
            start = end + 1
        }
        return items
    }
}
