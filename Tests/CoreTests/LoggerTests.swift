import Synchronization
import Testing
import GuichetCore

@Suite struct LoggerTests {
    private func makeLogger(_ level: LogLevel = .debug) -> (Logger, MemoryLogSink) {
        let sink = MemoryLogSink()
        return (Logger(configuration: .init(minimumLevel: level, sink: sink)), sink)
    }

    @Test func writesOneJSONObjectPerLine() throws {
        let (logger, sink) = makeLogger()
        logger.info("request", ["status": 200, "route": "/v1/{tenant}/complaints", "duration_ms": 1.25])
        let line = try #require(sink.lines.first)
        let json = try JSONTestSupport.parse(line)
        #expect(json["level"] == "info")
        #expect(json["msg"] == "request")
        #expect(json["status"] == 200)
        #expect(json["duration_ms"] == 1.25)
        let ts = try #require(json["ts"]?.stringValue)
        #expect(ts.count == "2026-03-01T08:30:00.000Z".count && ts.hasSuffix("Z"))
        #expect(RFC3339.parse(ts) != nil)
        #expect(line.hasPrefix(#"{"ts":""#))
        #expect(!line.contains("\n"))
    }

    @Test func levelsBelowTheMinimumAreDroppedWithoutEvaluatingTheirArguments() {
        let (logger, sink) = makeLogger(.warning)
        let evaluations = Atomic<Int>(0)
        func expensive() -> String {
            evaluations.add(1, ordering: .relaxed)
            return "expensive"
        }
        logger.debug(expensive(), ["x": .string(expensive())])
        logger.info(expensive())
        #expect(evaluations.load(ordering: .relaxed) == 0)
        #expect(sink.lines.isEmpty)
        logger.warning(expensive())
        logger.error("e")
        #expect(evaluations.load(ordering: .relaxed) == 1)
        #expect(sink.lines.count == 2)
        #expect(!logger.isEnabled(.info) && logger.isEnabled(.error))
    }

    @Test func childLoggersCarryMetadata() throws {
        let (logger, sink) = makeLogger()
        let child = logger.with("request_id", "abc").with("tenant", "demo").with("attempt", 2)
        child.info("hello")
        logger.info("parent")
        let first = try JSONTestSupport.parse(sink.lines[0])
        #expect(first["request_id"] == "abc")
        #expect(first["tenant"] == "demo")
        #expect(first["attempt"] == 2)
        let second = try JSONTestSupport.parse(sink.lines[1])
        #expect(second["request_id"] == nil)
    }

    @Test func reservedKeysCannotBeOverwritten() throws {
        let (logger, sink) = makeLogger()
        logger.with("msg", "evil").with("level", "debug").info("real", ["ts": "forged", "ok": true])
        let json = try JSONTestSupport.parse(sink.lines[0])
        #expect(json["msg"] == "real")
        #expect(json["level"] == "info")
        #expect(json["ts"] != "forged")
        #expect(json["ok"] == true)
    }

    @Test func valuesAreEscaped() throws {
        let (logger, sink) = makeLogger()
        let nasty = "line\nbreak \"quoted\" \\ \u{1B}[31m عربي"
        logger.with("user_agent", nasty).error(nasty, [nasty: .string(nasty)])
        let line = sink.lines[0]
        #expect(!line.contains("\n"))
        let json = try JSONTestSupport.parse(line)
        #expect(json["msg"] == .string(nasty))
        #expect(json["user_agent"] == .string(nasty))
        #expect(json[nasty] == .string(nasty))
    }

    @Test func secretsAreRedacted() throws {
        let password = Secret("hunter2")
        #expect("\(password)" == "[redacted]")
        #expect(String(describing: password) == "[redacted]")
        #expect(String(reflecting: password) == "[redacted]")
        var dumped = ""
        dump(password, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(password.value == "hunter2")
        let (logger, sink) = makeLogger()
        logger.info("login", ["password": JSONValue(password), "note": "\(password)"])
        #expect(!sink.lines[0].contains("hunter2"))
        #expect(try JSONTestSupport.parse(sink.lines[0])["password"] == "[redacted]")
    }

    @Test func concurrentLinesStayWhole() async throws {
        let (logger, sink) = makeLogger()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 { logger.with("task", task).info("line", ["index": .number(Double(index))]) }
                }
            }
        }
        #expect(sink.lines.count == 1600)
        for line in sink.lines { _ = try JSONTestSupport.parse(line) }
    }

    @Test func levelsOrder() {
        #expect(LogLevel.debug < .info && LogLevel.info < .warning && LogLevel.warning < .error)
        #expect(LogLevel(rawValue: "warning") == .warning)
    }
}
