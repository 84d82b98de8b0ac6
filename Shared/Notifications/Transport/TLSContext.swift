internal import COpenSSL
import FoundationEssentials

/// TLS client settings shared by connections (an OpenSSL `SSL_CTX`): TLS 1.2 at least, and — on by
/// default — verification of the server's certificate chain against the system's trusted
/// authorities (or a file of them), and of its name.
///
/// The context is immutable once made, which is what makes sharing it between threads safe:
/// OpenSSL allows concurrent `SSL_new` on a configured `SSL_CTX`.
final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer
    /// Whether server certificates are verified.
    let verifiesPeer: Bool

    /// A client context; `trustedCertificatesFile` (PEM) replaces the system's authorities when
    /// given.
    init(verifyPeer: Bool, trustedCertificatesFile: String?) throws(TransportError) {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .tls(TLSContext.lastError("SSL_CTX_new")) }
        self.context = context
        self.verifiesPeer = verifyPeer
        guard SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil) == 1 else {
            throw .tls(TLSContext.lastError("minimum protocol version"))
        }
        if verifyPeer {
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
            if let trustedCertificatesFile {
                guard SSL_CTX_load_verify_locations(context, trustedCertificatesFile, nil) == 1 else {
                    throw .tls(TLSContext.lastError("cannot load \(trustedCertificatesFile)"))
                }
            } else if SSL_CTX_set_default_verify_paths(context) != 1 {
                throw .tls(TLSContext.lastError("cannot load the system's certificate authorities"))
            }
        } else {
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// The oldest error in OpenSSL's queue for this thread, after `what`, and clears the queue.
    static func lastError(_ what: String) -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return what }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return "\(what): \(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))"
    }
}
