/// A POSIX ustar archive written in memory: the container of an archive export package (the
/// manifests and every document's content), readable by `tar` and by archive systems alike.
///
/// Entries are regular files with mode 0644, owner 0, and the modification time given; names are
/// at most 100 bytes of ASCII (the package uses `manifest.json`, `manifest.xml` and
/// `content/<sha256>`).
public struct TarArchive: Sendable {
    /// The bytes so far (without the end-of-archive blocks until ``finished()``).
    public private(set) var bytes: [UInt8] = []

    /// An empty archive.
    public init() {}

    /// Why an entry cannot be written.
    public enum EntryError: Error, Sendable, Hashable {
        /// The name is empty, longer than 100 bytes, or not printable ASCII.
        case invalidName(String)
    }

    /// Appends a regular file.
    public mutating func append(file name: String, contents: [UInt8], modifiedAt secondsSince1970: Int64) throws(EntryError) {
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 100, nameBytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .invalidName(name)
        }
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ field: [UInt8], at offset: Int) {
            for (index, byte) in field.enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int64, width: Int) -> [UInt8] {
            var digits = Array(String(value, radix: 8).utf8)
            while digits.count < width - 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
            return digits + [0]
        }
        put(nameBytes, at: 0)
        put(octal(0o644, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(Int64(contents.count), width: 12), at: 124)
        put(octal(max(0, secondsSince1970), width: 12), at: 136)
        put(Array("        ".utf8), at: 148)
        header[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0], at: 257)
        put(Array("00".utf8), at: 263)
        let checksum = header.reduce(0) { $0 + Int64($1) }
        put(Array(String(checksum, radix: 8).leftPadded(to: 6).utf8) + [0, UInt8(ascii: " ")], at: 148)
        bytes += header
        bytes += contents
        let remainder = contents.count % 512
        if remainder != 0 { bytes += [UInt8](repeating: 0, count: 512 - remainder) }
    }

    /// The archive with its two end-of-archive blocks.
    public func finished() -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: 1024)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
