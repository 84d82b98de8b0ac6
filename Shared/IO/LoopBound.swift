/// Carries a value that belongs to one event loop through code that demands `Sendable` (a task's
/// closure, say), checking on every access that the access happens on that loop.
///
/// The check is what makes the `@unchecked Sendable` below true: the value is only ever touched on
/// the loop's thread.
public struct LoopBound<Value>: @unchecked Sendable {
    /// The loop the value belongs to.
    public let loop: EventLoop
    private let storage: Value

    /// Binds `value` to `loop`; must be called on the loop.
    public init(_ value: Value, loop: EventLoop) {
        loop.preconditionInEventLoop()
        self.loop = loop
        self.storage = value
    }

    /// The value; traps off the loop.
    public var value: Value {
        loop.preconditionInEventLoop()
        return storage
    }
}
