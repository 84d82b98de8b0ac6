public import GuichetCore

extension RandomCode {
    /// A new code from OpenSSL's CSPRNG: the one way codes citizens hold (tracking codes, booking
    /// codes) are made.
    public static func random() -> RandomCode {
        var generator = SecureRandomNumberGenerator()
        return random(using: &generator)
    }
}
