@testable import Gateway
import GuichetCore
import GuichetNotifications
import GuichetPlatform
import Testing

@Suite("Gateway: how verification messages are delivered, and their templates")
struct VerificationDeliveryTests {
    typealias Delivery = GatewayConfiguration.VerificationCodeDelivery

    @Test(
        "unset means outbox when email or SMS is configured, else off; explicit settings win; outbox needs a channel",
        arguments: [
            (nil, false, false, Delivery.off), (nil, true, false, .outbox), (nil, false, true, .outbox), (nil, true, true, .outbox),
            (.off, true, true, .off), (.log, true, false, .log), (.log, false, false, .log),
            (.outbox, true, false, .outbox), (.outbox, false, true, .outbox), (.outbox, false, false, nil),
        ] as [(Delivery?, Bool, Bool, Delivery?)])
    func rule(configured: Delivery?, email: Bool, sms: Bool, expected: Delivery?) {
        #expect(Delivery.inForce(configured: configured, email: email, sms: sms) == expected)
    }

    @Test("GUICHET_VERIFICATION_CODES is read as written, unset stays unset, and a wrong value is an error")
    func reading() {
        var unset = Environment([:])
        #expect(GatewayConfiguration.read(from: &unset).verificationCodes == nil)
        #expect(unset.errors.isEmpty)
        var outbox = Environment(["GUICHET_VERIFICATION_CODES": "Outbox"])
        #expect(GatewayConfiguration.read(from: &outbox).verificationCodes == .outbox)
        var wrong = Environment(["GUICHET_VERIFICATION_CODES": "print"])
        _ = GatewayConfiguration.read(from: &wrong)
        #expect(wrong.errors.count == 1)
    }

    @Test("every code template carries the code in every language; notices have no code to carry", arguments: Language.allCases)
    func templates(language: Language) throws {
        for purpose in [VerificationMessage.Purpose.signUp, .accountExists] {
            for medium in [TemplateDefinition.Medium.email, .sms] {
                let template = CitizenNotifications.template(for: purpose, by: medium)
                #expect(template.medium == medium)
                #expect(CitizenNotifications.templates[template.name] != nil)
                let wording = try #require(template.defaults[language])
                let rendered = TemplateRenderer.render(wording, language: language, values: ["code": "482913", "minutes": "15"])
                switch purpose {
                case .signUp:
                    #expect(template.requiredVariables == ["code"])
                    #expect(rendered.text.contains("482913"))
                    #expect(rendered.text.contains("15"))
                case .accountExists:
                    #expect(!template.allowedVariables.contains("code"))
                    #expect(!rendered.text.contains("482913"))
                }
                #expect((medium == .email) == (rendered.subject != nil))
                if medium == .sms {
                    #expect(SMSText(rendered.text).segments <= 2, "\(template.name) \(language)")
                }
            }
        }
    }

    @Test("retries end while the code still holds, unless the outbox variables say otherwise, each on its own")
    func retries() {
        let configured = RetryPolicy(maximumAttempts: 20, initialDelay: .seconds(1), maximumDelay: .seconds(60))
        let policy = Gateway.verificationRetry(configured, environment: Environment([:]))
        #expect(policy.maximumAttempts == 8)
        let waiting = (1..<policy.maximumAttempts).reduce(Duration.zero) { $0 + policy.ceiling(afterAttempt: $1) }
        #expect(waiting < CitizenStore.codeLifetime / 2)
        let attempts = Gateway.verificationRetry(configured, environment: Environment(["GUICHET_OUTBOX_MAX_ATTEMPTS": "20"]))
        #expect(attempts == RetryPolicy(maximumAttempts: 20, initialDelay: .seconds(5), maximumDelay: .seconds(120)))
        let delays = Gateway.verificationRetry(
            configured, environment: Environment(["GUICHET_OUTBOX_RETRY_INITIAL_MS": "1000", "GUICHET_OUTBOX_RETRY_MAX_MS": "60000"]))
        #expect(delays == RetryPolicy(maximumAttempts: 8, initialDelay: .seconds(1), maximumDelay: .seconds(60)))
    }
}
