import GuichetCore
import Testing

@Suite("Pooled random numbers")
struct PooledRandomNumberGeneratorTests {
    @Test("numbers across refills are distinct and use every bit")
    func distinctAndSpread() {
        var generator = PooledRandomNumberGenerator()
        var seen = Set<UInt64>()
        var ones = [Int](repeating: 0, count: 64)
        let count = 5000  // about ten refills of the pool
        for _ in 0..<count {
            let number = generator.next()
            seen.insert(number)
            for bit in 0..<64 where number & (1 << UInt64(bit)) != 0 { ones[bit] += 1 }
        }
        #expect(seen.count == count)
        // Each bit is set about half the time (a stuck bit would be 0 or 5000).
        #expect(ones.allSatisfy { (2000...3000).contains($0) })
    }
}
