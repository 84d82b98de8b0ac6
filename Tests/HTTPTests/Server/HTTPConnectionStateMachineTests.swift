@testable import GuichetHTTP
import Testing

@Suite("HTTP connection state machine")
struct HTTPConnectionStateMachineTests {
    @Test("a keep-alive exchange goes back to idle, waiting for the next head")
    func keepAliveCycle() {
        var machine = HTTPConnectionStateMachine()
        #expect(machine.timeout == .head)
        machine.receivedBytes()
        #expect(machine.receivedHead(keepAlive: true) == .readNext)
        #expect(machine.timeout == .body)
        #expect(machine.receivedEnd() == .dispatch)
        #expect(machine.timeout == HTTPConnectionStateMachine.Timeout.none)
        #expect(!machine.responseClosesConnection)
        #expect(machine.responseWritten() == .readNext)
        #expect(machine.state == .awaitingHead(started: false))
        #expect(machine.timeout == .idle)
        #expect(machine.requestCount == 1)
    }

    @Test("a request without keep-alive closes after its response")
    func closeAfterResponse() {
        var machine = HTTPConnectionStateMachine()
        machine.receivedBytes()
        _ = machine.receivedHead(keepAlive: false)
        _ = machine.receivedEnd()
        #expect(machine.responseClosesConnection)
        #expect(machine.responseWritten() == .close)
        #expect(machine.state == .closed)
    }

    @Test("a timeout with part of a head answers 408; an idle timeout closes silently")
    func timeouts() {
        var partial = HTTPConnectionStateMachine()
        partial.receivedBytes()
        #expect(partial.timedOut() == .rejectAndClose(status: 408))
        #expect(partial.state == .closing)
        #expect(partial.responseWritten() == .close)

        var body = HTTPConnectionStateMachine()
        body.receivedBytes()
        _ = body.receivedHead(keepAlive: true)
        #expect(body.timedOut() == .rejectAndClose(status: 408))

        var idle = HTTPConnectionStateMachine()
        #expect(idle.timedOut() == .close)

        var busy = HTTPConnectionStateMachine()
        busy.receivedBytes()
        _ = busy.receivedHead(keepAlive: true)
        _ = busy.receivedEnd()
        #expect(busy.timedOut() == HTTPConnectionStateMachine.Action.none)
    }

    @Test("a peer that half-closes still gets the response being made, then the connection closes")
    func peerHalfClose() {
        var machine = HTTPConnectionStateMachine()
        machine.receivedBytes()
        _ = machine.receivedHead(keepAlive: true)
        _ = machine.receivedEnd()
        #expect(machine.peerClosed() == HTTPConnectionStateMachine.Action.none)
        #expect(machine.responseClosesConnection)
        #expect(machine.responseWritten() == .close)

        var reading = HTTPConnectionStateMachine()
        reading.receivedBytes()
        #expect(reading.peerClosed() == .close)
    }

    @Test("a drain closes idle connections at once and busy ones after their response")
    func drain() {
        var idle = HTTPConnectionStateMachine()
        #expect(idle.drain() == .close)

        var busy = HTTPConnectionStateMachine()
        busy.receivedBytes()
        _ = busy.receivedHead(keepAlive: true)
        _ = busy.receivedEnd()
        #expect(busy.drain() == HTTPConnectionStateMachine.Action.none)
        #expect(busy.responseClosesConnection)
        #expect(busy.responseWritten() == .close)
    }

    @Test("a failure answers once and ignores later failures")
    func failures() {
        var machine = HTTPConnectionStateMachine()
        machine.receivedBytes()
        #expect(machine.failed(status: 400) == .rejectAndClose(status: 400))
        #expect(machine.failed(status: 431) == HTTPConnectionStateMachine.Action.none)
        #expect(machine.responseClosesConnection)
    }
}
