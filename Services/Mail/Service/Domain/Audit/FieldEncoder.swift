/// Builds the unambiguous byte strings that audit records and chain heads are hashed and signed over:
/// fixed-width big-endian integers and length-prefixed fields (a 32-bit big-endian byte count, then
/// the bytes), so that no two different sequences of fields give the same bytes.
struct FieldEncoder {
    /// The bytes so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// A length-prefixed field.
    mutating func field(_ value: some Collection<UInt8>) {
        precondition(value.count <= Int(UInt32.max), "An audit field cannot exceed 4 GiB")
        integer(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// A length-prefixed field holding a string's UTF-8 bytes.
    mutating func field(_ value: String) {
        field(Array(value.utf8))
    }

    /// A fixed-width big-endian integer.
    mutating func integer<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
