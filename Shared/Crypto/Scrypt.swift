internal import COpenSSL

/// The scrypt key derivation function (RFC 7914) through OpenSSL's `EVP_KDF` "SCRYPT".
public enum Scrypt {
    /// scrypt's cost parameters.
    public struct Parameters: Sendable, Hashable {
        /// log2 of the CPU/memory cost N (N = 2^logN); 15 means N = 32768.
        public var logN: Int
        /// The block size r.
        public var blockSize: Int
        /// The parallelisation p.
        public var parallelism: Int

        /// Creates parameters; the defaults (N = 2^15, r = 8, p = 1) use 32 MiB and suit interactive
        /// logins.
        public init(logN: Int = 15, blockSize: Int = 8, parallelism: Int = 1) {
            self.logN = logN
            self.blockSize = blockSize
            self.parallelism = parallelism
        }

        /// The memory scrypt needs, in bytes: 128 · r · (N + p + 2) rounded up generously.
        public var memoryBytes: UInt64 {
            128 * UInt64(blockSize) * ((UInt64(1) << UInt64(logN)) + UInt64(parallelism) + 2)
        }

        /// Whether the parameters are within the bounds this platform accepts: 1 ≤ logN ≤ 24,
        /// 1 ≤ r ≤ 64, 1 ≤ p ≤ 16 and at most 1 GiB of memory. Encoded hashes from storage are checked
        /// against these bounds before any work, so that a tampered hash cannot exhaust memory.
        public var isWithinBounds: Bool {
            (1...24).contains(logN) && (1...64).contains(blockSize) && (1...16).contains(parallelism)
                && memoryBytes <= 1 << 30
        }
    }

    /// A failure to derive a key.
    public enum Error: Swift.Error, Sendable, Hashable {
        /// The parameters are outside ``Parameters/isWithinBounds`` or the length is not 1…1024.
        case invalidParameters
        /// OpenSSL failed (for example, out of memory).
        case failed(CryptoError)
    }

    /// Derives `length` bytes from `password` and `salt`.
    public static func derive(
        password: [UInt8], salt: [UInt8], parameters: Parameters, length: Int
    ) throws(Scrypt.Error) -> [UInt8] {
        guard parameters.isWithinBounds, (1...1024).contains(length) else { throw .invalidParameters }
        guard let context = EVP_KDF_CTX_new(OpenSSLAlgorithms.shared.scrypt) else {
            throw .failed(CryptoError("EVP_KDF_CTX_new"))
        }
        defer { EVP_KDF_CTX_free(context) }
        var n = UInt64(1) << UInt64(parameters.logN)
        var r = UInt32(parameters.blockSize)
        var p = UInt32(parameters.parallelism)
        var maximumMemory = parameters.memoryBytes + 1 << 20
        var password = password
        var salt = salt
        // OpenSSL reads an empty octet string through its pointer too; give it a valid one.
        if password.isEmpty { password.reserveCapacity(1) }
        if salt.isEmpty { salt.reserveCapacity(1) }
        var output = [UInt8](repeating: 0, count: length)
        let result = password.withUnsafeMutableBytes { passwordBuffer in
            salt.withUnsafeMutableBytes { saltBuffer in
                withUnsafeMutablePointer(to: &n) { n in
                    withUnsafeMutablePointer(to: &r) { r in
                        withUnsafeMutablePointer(to: &p) { p in
                            withUnsafeMutablePointer(to: &maximumMemory) { maximumMemory in
                                var parameters = [
                                    OSSL_PARAM_construct_octet_string(
                                        staticCString("pass"), passwordBuffer.baseAddress, passwordBuffer.count),
                                    OSSL_PARAM_construct_octet_string(
                                        staticCString("salt"), saltBuffer.baseAddress, saltBuffer.count),
                                    OSSL_PARAM_construct_uint64(staticCString("n"), n),
                                    OSSL_PARAM_construct_uint32(staticCString("r"), r),
                                    OSSL_PARAM_construct_uint32(staticCString("p"), p),
                                    OSSL_PARAM_construct_uint64(staticCString("maxmem_bytes"), maximumMemory),
                                    OSSL_PARAM_construct_end(),
                                ]
                                return EVP_KDF_derive(context, &output, length, &parameters)
                            }
                        }
                    }
                }
            }
        }
        password.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
        guard result == 1 else { throw .failed(CryptoError("EVP_KDF_derive")) }
        return output
    }
}
