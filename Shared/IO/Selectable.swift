/// An object that owns a file descriptor registered with an event loop and is told when it is ready.
///
/// Implemented by the HTTP server's listener and connections, the HTTP client's connections, the
/// PostgreSQL connections and the signal watcher. Both methods run on the loop's thread.
public protocol Selectable: AnyObject {
    /// The descriptor has bytes to read, or the peer hung up (a read then returns 0 or an error).
    func readable()
    /// The descriptor accepts more bytes.
    func writable()
}
