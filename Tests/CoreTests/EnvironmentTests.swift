import Testing
import GuichetCore

@Suite struct EnvironmentTests {
    enum Mode: String, CaseIterable { case development, production }

    @Test func readsTypedValuesWithDefaults() throws {
        var environment = Environment([
            "PORT": "8081", "DEBUG": "Yes", "TIMEOUT": "1500", "IDLE": "30s", "UPSTREAM": "http://127.0.0.1:8082/",
            "MODE": "Production", "NAME": "gateway", "EMPTY": "",
        ])
        let value1 = environment.int("PORT", default: 8080, range: 1...65_535)
        #expect(value1 == 8081)
        let value2 = environment.bool("DEBUG", default: false)
        #expect(value2)
        let value3 = environment.duration("TIMEOUT", default: .seconds(1))
        #expect(value3 == .milliseconds(1500))
        let value4 = environment.duration("IDLE", default: .seconds(1))
        #expect(value4 == .seconds(30))
        let value5 = environment.url("UPSTREAM", default: "http://localhost")
        #expect(value5 == "http://127.0.0.1:8082")
        let value6 = environment.value("MODE", default: Mode.development)
        #expect(value6 == .production)
        let value7 = environment.string("NAME", default: "x")
        #expect(value7 == "gateway")
        let value8 = environment.string("EMPTY", default: "fallback")
        #expect(value8 == "fallback")
        let value9 = environment.int("MISSING", default: 7)
        #expect(value9 == 7)
        let value10 = environment.value("LOG_LEVEL", default: LogLevel.info)
        #expect(value10 == .info)
        try environment.validate()
    }

    @Test func collectsEveryErrorNamingVariableAndForm() {
        var environment = Environment([
            "PORT": "80a", "WORKERS": "0", "DEBUG": "maybe", "TIMEOUT": "-5", "UPSTREAM": "ftp://x", "MODE": "staging",
            "DB": "postgres://", "LEVEL": "loud", "DELAY": "5 parsecs",
        ])
        let value11 = environment.int("PORT", default: 8080)
        #expect(value11 == 8080)
        let value12 = environment.int("WORKERS", default: 2, range: 1...64)
        #expect(value12 == 2)
        let value13 = environment.bool("DEBUG", default: false)
        #expect(value13 == false)
        let value14 = environment.duration("TIMEOUT", default: .seconds(2))
        #expect(value14 == .seconds(2))
        let value15 = environment.duration("DELAY", default: .seconds(2))
        #expect(value15 == .seconds(2))
        let value16 = environment.url("UPSTREAM", default: "http://a")
        #expect(value16 == "http://a")
        let value17 = environment.url("DB", default: "postgres://db", schemes: ["postgres"])
        #expect(value17 == "postgres://db")
        let value18 = environment.value("MODE", default: Mode.development)
        #expect(value18 == .development)
        let value19 = environment.value("LEVEL", default: LogLevel.info)
        #expect(value19 == .info)
        _ = environment.requiredString("SECRET_KEY")
        #expect(environment.errors.map(\.variable) == [
            "PORT", "WORKERS", "DEBUG", "TIMEOUT", "DELAY", "UPSTREAM", "DB", "MODE", "LEVEL", "SECRET_KEY",
        ])
        #expect(environment.errors[1].description == #"WORKERS="0": expected an integer between 1 and 64"#)
        #expect(environment.errors[7].expected == "one of development, production")
        #expect(environment.errors[5].expected == "a URL starting with http:// or https://")
        do {
            try environment.validate()
            Issue.record("validate() should throw")
        } catch {
            #expect(error.errors.count == 10)
            #expect(error.description.contains("PORT=\"80a\""))
        }
    }

    @Test func processEnvironmentIsReadable() {
        let environment = Environment.process
        #expect(environment.raw("PATH") != nil)
    }
}
