/// The kinds of files a complaint accepts, recognised from their first bytes (never from the
/// name or the declared `Content-Type`, which a client controls): JPEG, PNG and WebP photos, and
/// PDF documents.
public enum AttachmentType: String, Sendable, Hashable, CaseIterable {
    /// A JPEG photo (`FF D8 FF`).
    case jpeg = "image/jpeg"
    /// A PNG image (`89 50 4E 47 0D 0A 1A 0A`).
    case png = "image/png"
    /// A WebP image (`RIFF` … `WEBP`).
    case webp = "image/webp"
    /// A PDF document (`%PDF-`).
    case pdf = "application/pdf"

    /// The media type, as stored and served.
    public var mediaType: String { rawValue }

    /// Whether it is a photo (shown inline) rather than a document.
    public var isImage: Bool { self != .pdf }

    /// The usual file extension.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        case .pdf: "pdf"
        }
    }

    /// The type of a file whose content starts with `bytes`, or `nil` when it is none of the
    /// accepted types.
    public init?(sniffing bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(12))
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + signature.count && Array(head[offset..<offset + signature.count]) == signature
        }
        if starts([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) {
            self = .webp
        } else if starts(Array("%PDF-".utf8)) {
            self = .pdf
        } else {
            return nil
        }
    }

    /// Whether a declared `Content-Type` agrees with the sniffed type (`nil`, empty or
    /// `application/octet-stream` say nothing and agree; parameters are ignored).
    public func agrees(withDeclared contentType: String?) -> Bool {
        guard let contentType else { return true }
        let declared = contentType.split(separator: ";", maxSplits: 1).first.map { String($0.trimmingWhitespace()).lowercased() } ?? ""
        if declared.isEmpty || declared == "application/octet-stream" { return true }
        if declared == mediaType { return true }
        return self == .jpeg && declared == "image/jpg"
    }
}
