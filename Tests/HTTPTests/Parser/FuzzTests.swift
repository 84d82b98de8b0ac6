import GuichetTestSupport
import Testing

@testable import GuichetHTTP


/// Random mutations of valid messages: the parser must never crash, hang, or report events out
/// of order (the harness traps on a call that neither makes progress nor returns an event).
@Suite struct FuzzTests {
    static let requests = [
        "GET /v1/demo/complaints?page=2 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n",
        "POST /v1/demo/complaints HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"title\":\"x\"}",
        "PUT /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nabcd\r\n2\r\nef\r\n0\r\nT: v\r\n\r\n",
        "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    ]
    static let responses = [
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.0 200 OK\r\n\r\nuntil close",
    ]
    static let interestingBytes: [UInt8] = Array("\r\n :;,0aF\t-%/?#*\"".utf8) + [0, 0x7F, 0x80, 0xFF]

    static func mutate(_ input: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = Int.random(in: 0...bytes.count, using: &random)
            let byte =
                Bool.random(using: &random)
                ? interestingBytes.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where position < bytes.count: bytes[position] = byte
            case 1: bytes.insert(byte, at: position)
            case 2 where position < bytes.count: bytes.remove(at: position)
            case 3 where position < bytes.count:
                let end = min(bytes.count, position + Int.random(in: 1...16, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default: bytes.insert(contentsOf: input.prefix(Int.random(in: 0...input.count, using: &random)), at: position)
            }
        }
        return bytes
    }

    static func randomDelivery(for count: Int, using random: inout SplitMix64) -> Delivery {
        switch Int.random(in: 0..<3, using: &random) {
        case 0: .whole
        case 1: .byteByByte
        default: .reads((0..<count).map { _ in Int.random(in: 1...8, using: &random) })
        }
    }

    @Test(arguments: [HTTPParser.Mode.request, .response])
    func mutatedMessagesNeverCrashOrHang(_ mode: HTTPParser.Mode) {
        var random = SplitMix64(seed: mode == .request ? 0xC0FFEE : 0xBADCAFE)
        let bases = (mode == .request ? Self.requests : Self.responses).map { Array($0.utf8) }
        var refused = 0
        var accepted = 0
        for _ in 0..<3_000 {
            let input = Self.mutate(bases.randomElement(using: &random)!, using: &random)
            let delivery = Self.randomDelivery(for: input.count, using: &random)
            let parser = HTTPParser(mode: mode, limits: .init(maxHeaderBytes: 512, defaultBodyLimit: 64))
            let outcome = drive(parser, input, delivery: delivery, finish: Bool.random(using: &random))
            for message in outcome.messages {
                #expect(message.request != nil || message.response != nil, "body or end without a head")
            }
            if outcome.error == nil { accepted += 1 } else { refused += 1 }
        }
        // Both outcomes occur, so the mutations reach past the first line.
        #expect(refused > 100 && accepted > 100)
    }

    @Test func everyPrefixOfValidMessagesIsHandled() {
        for text in Self.requests {
            let bytes = Array(text.utf8)
            for length in 0...bytes.count {
                let outcome = drive(HTTPParser(mode: .request), Array(bytes.prefix(length)), finish: true)
                if length < bytes.count, outcome.error == nil {
                    // A cut inside a message is reported at EOF, a cut between messages is not.
                    #expect(outcome.messages.allSatisfy { $0.ended })
                }
            }
        }
    }
}
