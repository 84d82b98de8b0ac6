/// A stored password hash in the form `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (salt and hash in
/// unpadded standard base64, as in the PHC string format).
public struct PasswordHash: Sendable, Hashable, CustomStringConvertible {
    /// The scrypt parameters the hash was made with.
    public let parameters: Scrypt.Parameters
    /// The random salt.
    public let salt: [UInt8]
    /// The derived key.
    public let hash: [UInt8]

    /// The longest encoded form accepted when parsing.
    static let maximumEncodedLength = 512

    /// Creates a hash from its parts.
    public init(parameters: Scrypt.Parameters, salt: [UInt8], hash: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    /// Parses the encoded form; `nil` if it is not one, or its parameters are out of bounds.
    public init?(encoded: String) {
        guard encoded.utf8.count <= Self.maximumEncodedLength else { return nil }
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1] == "scrypt" else { return nil }
        var logN: Int?
        var blockSize: Int?
        var parallelism: Int?
        for pair in fields[2].split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].count <= 3, parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let value = Int(parts[1])
            else { return nil }
            switch parts[0] {
            case "ln" where logN == nil: logN = value
            case "r" where blockSize == nil: blockSize = value
            case "p" where parallelism == nil: parallelism = value
            default: return nil
            }
        }
        guard let logN, let blockSize, let parallelism else { return nil }
        let parameters = Scrypt.Parameters(logN: logN, blockSize: blockSize, parallelism: parallelism)
        guard parameters.isWithinBounds, let salt = Base64.decode(fields[3]), let hash = Base64.decode(fields[4]),
            !fields[3].hasSuffix("="), !fields[4].hasSuffix("="), !salt.isEmpty, (16...1024).contains(hash.count)
        else { return nil }
        self.init(parameters: parameters, salt: salt, hash: hash)
    }

    /// The encoded form, to store.
    public var encoded: String {
        "$scrypt$ln=\(parameters.logN),r=\(parameters.blockSize),p=\(parameters.parallelism)$"
            + Base64.encode(salt, padding: false) + "$" + Base64.encode(hash, padding: false)
    }

    /// The encoded form (it holds no secret, only a salted one-way hash).
    public var description: String { encoded }
}
