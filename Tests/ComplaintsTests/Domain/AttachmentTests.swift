import Testing
@testable import Complaints

@Suite struct AttachmentTests {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8)
    static let pdf: [UInt8] = Array("%PDF-1.4\n".utf8)

    @Test func typesAreJudgedFromTheBytes() {
        #expect(AttachmentType(sniffing: Self.jpeg) == .jpeg)
        #expect(AttachmentType(sniffing: Self.png) == .png)
        #expect(AttachmentType(sniffing: Self.webp) == .webp)
        #expect(AttachmentType(sniffing: Self.pdf) == .pdf)
        for other in [Array("<svg onload=alert(1)>".utf8), Array("GIF89a".utf8), Array("RIFF\0\0\0\0WAVE".utf8), [0xFF, 0xD8], [], Array("%PD".utf8)] {
            #expect(AttachmentType(sniffing: other) == nil, "\(other)")
        }
    }

    @Test func declaredTypesMustAgree() {
        #expect(AttachmentType.jpeg.agrees(withDeclared: nil))
        #expect(AttachmentType.jpeg.agrees(withDeclared: "image/jpeg"))
        #expect(AttachmentType.jpeg.agrees(withDeclared: "IMAGE/JPG; q=1"))
        #expect(AttachmentType.pdf.agrees(withDeclared: "application/octet-stream"))
        #expect(!AttachmentType.pdf.agrees(withDeclared: "image/png"))
        #expect(!AttachmentType.png.agrees(withDeclared: "text/html"))
    }

    @Test func thePolicyBoundsSizeAndType() throws {
        let policy = AttachmentPolicy(maximumBytes: 16, maximumCount: 2)
        #expect(try policy.check(Self.jpeg, declaredType: "image/jpeg") == .jpeg)
        #expect(throws: AttachmentPolicy.Refusal.empty) { try policy.check([], declaredType: nil) }
        #expect(throws: AttachmentPolicy.Refusal.tooLarge) { try policy.check(Self.jpeg + [UInt8](repeating: 0, count: 11), declaredType: nil) }
        #expect(throws: AttachmentPolicy.Refusal.unsupportedType) { try policy.check(Array("hello".utf8), declaredType: nil) }
        #expect(throws: AttachmentPolicy.Refusal.mismatchedType(declared: "image/png", actual: .pdf)) {
            try policy.check(Self.pdf, declaredType: "image/png")
        }
    }
}
