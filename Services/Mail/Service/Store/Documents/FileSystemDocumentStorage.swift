import FoundationEssentials
import Glibc
import GuichetCore

/// Document content in a directory: `<root>/<tenant>/<first two hex digits>/<sha256>`, written to a
/// temporary file, flushed to disk, then renamed into place (a crash never leaves half a file under
/// its address). All file work runs on ``BlockingWork``'s queue.
struct FileSystemDocumentStorage: DocumentStorage {
    /// The root directory.
    let root: String

    init(root: String) {
        self.root = root
    }

    /// The path of the content under `sha256` (only hex digits reach the file system).
    func path(sha256: String, tenant: UUID) -> String? {
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy(Self.isHexDigit) else { return nil }
        return "\(root)/\(tenant.lowercaseString)/\(sha256.prefix(2))/\(sha256)"
    }

    func store(_ bytes: [UInt8], sha256: String, tenant: UUID) async throws {
        guard let path = path(sha256: sha256, tenant: tenant) else { throw POSIXFile.Failure(operation: "address", path: sha256, code: EINVAL) }
        let tenantDirectory = "\(root)/\(tenant.lowercaseString)"
        try await BlockingWork.run {
            if access(path, F_OK) == 0 { return }
            try Self.makeDirectories(tenantDirectory + "/" + sha256.prefix(2))
            try Self.makeDirectories(tenantDirectory + "/.incoming")
            let temporary = tenantDirectory + "/.incoming/" + UUID().uuidString.lowercased()
            do {
                try POSIXFile.write(bytes, to: temporary, mode: 0o640, sync: true)
            } catch {
                unlink(temporary)
                throw error
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw POSIXFile.Failure(operation: "rename", path: path, code: code)
            }
            Self.syncDirectory(tenantDirectory + "/" + sha256.prefix(2))
        }
    }

    func read(sha256: String, tenant: UUID) async throws -> [UInt8]? {
        guard let path = path(sha256: sha256, tenant: tenant) else { return nil }
        return try await BlockingWork.run { try POSIXFile.contents(of: path) }
    }

    func delete(sha256: String, tenant: UUID) async throws {
        guard let path = path(sha256: sha256, tenant: tenant) else { return }
        try await BlockingWork.run {
            if unlink(path) != 0, errno != ENOENT { throw POSIXFile.Failure(operation: "unlink", path: path, code: errno) }
        }
    }

    func contains(sha256: String, tenant: UUID) async throws -> Bool {
        guard let path = path(sha256: sha256, tenant: tenant) else { return false }
        return try await BlockingWork.run { access(path, F_OK) == 0 }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// `mkdir -p`, mode 0750.
    private static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o750) != 0, errno != EEXIST {
                throw POSIXFile.Failure(operation: "mkdir", path: current, code: errno)
            }
        }
    }

    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
