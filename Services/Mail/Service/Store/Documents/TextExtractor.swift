import FoundationEssentials
import Glibc
import GuichetCore

/// Extracts the searchable text of a document: the text layer of a PDF with poppler's `pdftotext`
/// (Debian's poppler-utils; a scan without a text layer gives nothing), or a plain-text document as
/// it is. The child process runs on ``BlockingWork``'s queue with a deadline, from temporary files.
struct TextExtractor: Sendable {
    /// The `pdftotext` program; empty turns PDF extraction off.
    let pdftotextPath: String
    /// How long one extraction may take before the process is killed.
    let timeout: Duration
    /// The most characters kept.
    let maximumCharacters: Int

    /// The text of `bytes` of `mediaType`, or nil when there is none to be had.
    func text(of bytes: [UInt8], mediaType: String) async -> String? {
        let type = mediaType.split(separator: ";").first.map { $0.trimmingWhitespace().lowercased() } ?? ""
        if type == "text/plain" {
            return trimmed(String(decoding: bytes, as: UTF8.self))
        }
        guard type == "application/pdf" || bytes.starts(with: Array("%PDF-".utf8)), !pdftotextPath.isEmpty else { return nil }
        let program = pdftotextPath
        let deadline = timeout
        let output = try? await BlockingWork.run { () -> String? in
            try Self.runPDFToText(program: program, pdf: bytes, timeout: deadline)
        }
        return output.flatMap { $0 }.flatMap(trimmed)
    }

    private func trimmed(_ text: String) -> String? {
        let clean = text.trimmingWhitespace()
        guard !clean.isEmpty else { return nil }
        return clean.count > maximumCharacters ? String(clean.prefix(maximumCharacters)) : String(clean)
    }

    /// Writes the PDF to a temporary file, runs `pdftotext -q -enc UTF-8 -nopgbrk in out`, and reads
    /// the output; nil when the program fails or runs out of time.
    private static func runPDFToText(program: String, pdf: [UInt8], timeout: Duration) throws -> String? {
        var template = Array("\(temporaryDirectory())/guichet-mail-XXXXXX".utf8CString)
        guard let directory = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) })
        else { return nil }
        let input = directory + "/in.pdf"
        let output = directory + "/out.txt"
        defer {
            unlink(input)
            unlink(output)
            rmdir(directory)
        }
        guard (try? POSIXFile.write(pdf, to: input, mode: 0o600)) != nil else { return nil }
        guard let status = run(program, ["-q", "-enc", "UTF-8", "-nopgbrk", input, output], timeout: timeout), status == 0 else {
            return nil
        }
        guard let text = try? POSIXFile.contents(of: output) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    private static func temporaryDirectory() -> String {
        if let value = getenv("TMPDIR"), value.pointee != 0 { return String(cString: value) }
        return "/tmp"
    }

    /// Runs `program` with `arguments`, standard streams on /dev/null; its exit status, or nil when
    /// it could not start, was killed by a signal, or ran past `timeout` (then it is killed).
    private static func run(_ program: String, _ arguments: [String], timeout: Duration) -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = argv.withUnsafeBufferPointer { buffer in
            posix_spawn(&pid, program, &actions, nil, buffer.baseAddress!, environ)
        }
        guard spawned == 0 else { return nil }
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { return nil }
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                return nil
            }
            usleep(2_000)
        }
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        guard status & 0x7f == 0 else { return nil }
        return (status >> 8) & 0xff
    }
}
