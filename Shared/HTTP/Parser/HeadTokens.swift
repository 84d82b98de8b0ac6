/// The pieces of one message head reported by http_parser's callbacks, as byte ranges of the
/// contiguous buffer holding the whole head.
struct HeadTokens {
    enum Kind {
        case none
        case url
        case status
        case field
        case value
    }

    /// The start of the head buffer being tokenised (nil outside `http_parser_execute`).
    var base: UnsafeRawPointer?
    var url: Range<Int> = 0..<0
    /// The byte ranges of one header field.
    struct Field {
        var name: Range<Int>
        var value: Range<Int>
    }

    var fields: [Field] = []
    var last = Kind.none
    var isComplete = false

    init() {
        fields.reserveCapacity(16)
    }

    /// Starts a new head in the buffer starting at `base`.
    mutating func reset(base: UnsafeRawPointer) {
        self.base = base
        url = 0..<0
        fields.removeAll(keepingCapacity: true)
        last = .none
        isComplete = false
    }

    /// Records `length` bytes at `at` as (part of) a token of `kind`. http_parser reports a token
    /// in one piece when it sees the whole head at once; a second piece extends the first.
    mutating func record(_ kind: Kind, at: UnsafePointer<CChar>?, length: Int) {
        guard let base, let at else { return }
        let start = UnsafeRawPointer(at) - base
        let range = start..<(start + length)
        let continues = kind == last
        last = kind
        switch kind {
        case .none, .status:
            break
        case .url:
            url = continues ? url.lowerBound..<range.upperBound : range
        case .field:
            if continues, let index = fields.indices.last {
                fields[index].name = fields[index].name.lowerBound..<range.upperBound
            } else {
                fields.append(Field(name: range, value: range.upperBound..<range.upperBound))
            }
        case .value:
            guard let index = fields.indices.last else { return }
            fields[index].value = continues ? fields[index].value.lowerBound..<range.upperBound : range
        }
    }
}
