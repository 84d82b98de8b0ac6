@testable import GuichetHTTP

/// One message as seen through the parser's events.
struct ParsedMessage {
    var request: HTTPRequestHead?
    var response: HTTPResponseHead?
    var body: [UInt8] = []
    var ended = false

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// The outcome of driving a parser over some input.
struct ParseOutcome {
    var messages: [ParsedMessage] = []
    var error: HTTPParserError?
    /// Bytes fed but not consumed when the input ran out (for example the next pipelined
    /// request, when the harness stops after the first message).
    var leftover: [UInt8] = []
}

/// How the harness splits the input into reads.
enum Delivery: CustomStringConvertible {
    case whole
    case byteByByte
    case splitAt(Int)
    /// Reads of these sizes in turn (the last one takes the rest).
    case reads([Int])

    func pieces(of input: [UInt8]) -> [[UInt8]] {
        switch self {
        case .whole: [input]
        case .byteByByte: input.map { [$0] }
        case .splitAt(let index): [Array(input[..<index]), Array(input[index...])]
        case .reads(let sizes):
            {
                var pieces: [[UInt8]] = []
                var rest = input[...]
                for size in sizes where !rest.isEmpty {
                    pieces.append(Array(rest.prefix(size)))
                    rest = rest.dropFirst(size)
                }
                if !rest.isEmpty { pieces.append(Array(rest)) }
                return pieces
            }()
        }
    }

    var description: String {
        switch self {
        case .whole: "whole"
        case .byteByByte: "byte by byte"
        case .splitAt(let index): "split at \(index)"
        case .reads(let sizes): "reads of \(sizes)"
        }
    }
}

/// Drives `parser` like a connection does: append each read to the unconsumed bytes, feed until
/// no event, drop what was consumed. At the end, optionally signals EOF with `finish()`.
func drive(
    _ parser: HTTPParser, _ input: [UInt8], delivery: Delivery = .whole, finish: Bool = false,
    onHead: (HTTPParser) -> Void = { _ in }
) -> ParseOutcome {
    var outcome = ParseOutcome()
    var pending: [UInt8] = []
    var current = ParsedMessage()
    var steps = 0
    do {
        for piece in delivery.pieces(of: input) {
            pending.append(contentsOf: piece)
            while true {
                steps += 1
                precondition(steps < 10 * (input.count + 10), "the parser made no progress")
                let step = try pending.withUnsafeBytes { bytes in
                    Result { () throws(HTTPParserError) in try parser.feed(bytes) }
                }.get()
                precondition(step.consumed >= 0 && step.consumed <= pending.count)
                switch step.event {
                case nil:
                    precondition(step.consumed == pending.count, "no event but bytes left")
                case .requestHead(let head):
                    current.request = head
                    onHead(parser)
                case .responseHead(let head):
                    current.response = head
                    onHead(parser)
                case .body(let range):
                    precondition(!range.isEmpty && range.upperBound <= step.consumed)
                    current.body.append(contentsOf: pending[range])
                case .end:
                    current.ended = true
                    outcome.messages.append(current)
                    current = ParsedMessage()
                }
                pending.removeFirst(step.consumed)
                if step.event == nil { break }
            }
        }
        if finish, case .end? = try parser.finish() {
            current.ended = true
            outcome.messages.append(current)
            current = ParsedMessage()
        }
    } catch {
        outcome.error = error
    }
    if current.request != nil || current.response != nil || !current.body.isEmpty {
        outcome.messages.append(current)
    }
    outcome.leftover = pending
    return outcome
}

/// Parses `text` (with `\r\n` written out) as requests.
func parseRequests(
    _ text: String, delivery: Delivery = .whole, limits: HTTPParser.Limits = .init(),
    onHead: (HTTPParser) -> Void = { _ in }
) -> ParseOutcome {
    drive(HTTPParser(mode: .request, limits: limits), Array(text.utf8), delivery: delivery, onHead: onHead)
}

/// Every way the harness splits an input in these tests: whole, byte by byte, and at every
/// single boundary.
func allDeliveries(for input: String) -> [Delivery] {
    [.whole, .byteByByte] + (1..<input.utf8.count).map { .splitAt($0) }
}
