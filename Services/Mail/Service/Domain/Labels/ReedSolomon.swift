/// Reed–Solomon error correction over GF(2⁸) as QR codes use it (ISO/IEC 18004 §7.5.2): the field's
/// reducing polynomial is x⁸ + x⁴ + x³ + x² + 1 (0x11D), α = 2, and the generator polynomial of degree
/// n is (x − α⁰)(x − α¹)…(x − αⁿ⁻¹).
enum ReedSolomon {
    /// αⁱ for i in 0..<255 (and repeated once more, so that sums of logarithms need no modulo).
    static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for index in 0..<255 {
            table[index] = UInt8(value)
            table[index + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// log_α(x) for x in 1...255 (index 0 unused).
    static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for index in 0..<255 { table[Int(exponents[index])] = index }
        return table
    }()

    /// The product of two field elements.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return exponents[logarithms[Int(a)] + logarithms[Int(b)]]
    }

    /// The generator polynomial of `degree`, highest-degree coefficient first, without its leading 1.
    static func generator(degree: Int) -> [UInt8] {
        var coefficients: [UInt8] = [1]
        for power in 0..<degree {
            // Multiply by (x − αᵖᵒʷᵉʳ); in GF(2⁸) subtraction is addition (xor).
            var next = [UInt8](repeating: 0, count: coefficients.count + 1)
            for (index, coefficient) in coefficients.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= multiply(coefficient, exponents[power])
            }
            coefficients = next
        }
        return Array(coefficients.dropFirst())
    }

    /// The `degree` error correction codewords of `data`: the remainder of data(x)·xⁿ divided by the
    /// generator polynomial.
    static func errorCorrection(for data: [UInt8], degree: Int) -> [UInt8] {
        errorCorrection(for: data, generator: generator(degree: degree))
    }

    /// The error correction codewords of `data` for a generator polynomial from ``generator(degree:)``
    /// (computed once for all the blocks of a symbol).
    static func errorCorrection(for data: [UInt8], generator: [UInt8]) -> [UInt8] {
        let degree = generator.count
        var remainder = [UInt8](repeating: 0, count: degree)
        remainder.withUnsafeMutableBufferPointer { remainder in
            for byte in data {
                let factor = byte ^ remainder[0]
                for index in 1..<degree { remainder[index - 1] = remainder[index] }
                remainder[degree - 1] = 0
                guard factor != 0 else { continue }
                let logFactor = logarithms[Int(factor)]
                for index in 0..<degree where generator[index] != 0 {
                    remainder[index] ^= exponents[logarithms[Int(generator[index])] + logFactor]
                }
            }
        }
        return remainder
    }
}
