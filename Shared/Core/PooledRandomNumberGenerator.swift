import Glibc
import Synchronization

/// Random numbers from the operating system's CSPRNG, fetched 4 KiB at a time.
///
/// `SystemRandomNumberGenerator` makes one `getrandom` system call for every 64-bit number;
/// request ids, trace ids and time-ordered UUIDs need a few numbers on every request, so this
/// generator draws them from a shared pool refilled from `/dev/urandom` in one read per 512
/// numbers. The numbers are as
/// unpredictable as the system's; secrets (codes citizens hold, keys, salts) still come from
/// OpenSSL's generator in GuichetCrypto.
public struct PooledRandomNumberGenerator: RandomNumberGenerator, Sendable {
    private static let pool = Mutex(Pool())

    private struct Pool {
        var numbers = [UInt64](repeating: 0, count: 512)
        var next = 512
        var source: Int32 = -1

        mutating func take() -> UInt64 {
            if next == numbers.count {
                refill()
                next = 0
            }
            defer { next += 1 }
            return numbers[next]
        }

        private mutating func refill() {
            if source < 0 { source = open("/dev/urandom", O_RDONLY | O_CLOEXEC) }
            let source = self.source
            numbers.withUnsafeMutableBytes { bytes in
                var filled = 0
                while source >= 0 && filled < bytes.count {
                    let count = read(source, bytes.baseAddress! + filled, bytes.count - filled)
                    if count > 0 {
                        filled += count
                    } else if count == 0 || errno != EINTR {
                        break
                    }
                }
                // Without /dev/urandom (a sandbox), the standard library's generator, one number at a time.
                var system = SystemRandomNumberGenerator()
                for index in stride(from: filled, to: bytes.count, by: 1) {
                    bytes[index] = UInt8(truncatingIfNeeded: system.next())
                }
            }
        }
    }

    /// A generator drawing from the shared pool.
    public init() {}

    public mutating func next() -> UInt64 {
        Self.pool.withLock { $0.take() }
    }
}
