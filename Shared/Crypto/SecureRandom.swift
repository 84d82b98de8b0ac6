internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG (`RAND_bytes`), for keys, salts,
/// tokens and tracking codes.
public enum SecureRandom {
    /// `count` random bytes. Traps if OpenSSL cannot produce them: continuing with weak randomness
    /// would be worse than stopping.
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "count must not be negative")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Fills `buffer` with random bytes; traps if OpenSSL fails (see ``bytes(count:)``).
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        var offset = 0
        while offset < buffer.count {
            let chunk = min(buffer.count - offset, Int(Int32.max))
            guard RAND_bytes((base + offset).assumingMemoryBound(to: UInt8.self), Int32(chunk)) == 1 else {
                preconditionFailure("\(CryptoError("RAND_bytes"))")
            }
            offset += chunk
        }
    }

    /// Fills an array with random bytes; traps if OpenSSL fails (see ``bytes(count:)``).
    public static func fill(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { fill($0) }
    }

    /// A uniformly random integer.
    public static func uint64() -> UInt64 {
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { fill($0) }
        return value
    }
}

/// A random number generator backed by ``SecureRandom``, for `Int.random(in:using:)` and shuffles.
public struct SecureRandomNumberGenerator: RandomNumberGenerator, Sendable {
    /// Creates the generator (it has no state of its own).
    public init() {}

    /// The next random 64 bits.
    public mutating func next() -> UInt64 {
        SecureRandom.uint64()
    }
}
