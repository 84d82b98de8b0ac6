/// Hashes and verifies passwords with scrypt and a 16-byte random salt.
///
/// ```swift
/// let hasher = PasswordHasher()
/// let stored = try hasher.hash("correct horse").encoded      // keep in the database
/// hasher.verify("correct horse", against: stored)             // true
/// hasher.needsRehash(stored)                                   // true once the parameters change
/// ```
public struct PasswordHasher: Sendable {
    /// How passwords are hashed.
    public struct Configuration: Sendable, Hashable {
        /// The scrypt cost for new hashes.
        public var parameters: Scrypt.Parameters
        /// The salt length in bytes.
        public var saltLength: Int
        /// The derived key length in bytes.
        public var hashLength: Int

        /// Creates a configuration; the defaults are N = 2^15, r = 8, p = 1, a 16-byte salt and a
        /// 32-byte hash. Tests may use a cheap `Scrypt.Parameters(logN: 4, blockSize: 1)`.
        public init(parameters: Scrypt.Parameters = Scrypt.Parameters(), saltLength: Int = 16, hashLength: Int = 32) {
            self.parameters = parameters
            self.saltLength = saltLength
            self.hashLength = hashLength
        }
    }

    /// The configuration used for new hashes.
    public let configuration: Configuration

    /// Creates a hasher.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Hashes a password with a fresh random salt.
    public func hash(_ password: String) throws(Scrypt.Error) -> PasswordHash {
        let salt = SecureRandom.bytes(count: configuration.saltLength)
        let derived = try Scrypt.derive(
            password: Array(password.utf8), salt: salt, parameters: configuration.parameters, length: configuration.hashLength)
        return PasswordHash(parameters: configuration.parameters, salt: salt, hash: derived)
    }

    /// Whether `password` matches the stored hash, compared in constant time. A malformed stored
    /// hash, or one with out-of-bounds parameters, never matches.
    public func verify(_ password: String, against encoded: String) -> Bool {
        guard let stored = PasswordHash(encoded: encoded) else { return false }
        return verify(password, against: stored)
    }

    /// Whether `password` matches the stored hash, compared in constant time.
    public func verify(_ password: String, against stored: PasswordHash) -> Bool {
        guard
            let derived = try? Scrypt.derive(
                password: Array(password.utf8), salt: stored.salt, parameters: stored.parameters, length: stored.hash.count)
        else { return false }
        return constantTimeEquals(derived, stored.hash)
    }

    /// Whether a stored hash should be replaced after the next successful login because it was made
    /// with other parameters or lengths than the current configuration (or cannot be read).
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = PasswordHash(encoded: encoded) else { return true }
        return stored.parameters != configuration.parameters || stored.salt.count != configuration.saltLength
            || stored.hash.count != configuration.hashLength
    }
}
