import Glibc

/// A failed system call, with the call's name and the `errno` it left.
public struct IOError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The `errno` value the call left.
    public let errorCode: Int32
    /// The system call that failed, such as `"accept4"`.
    public let function: String

    /// Captures `errno` for a failed call to `function`.
    public init(_ function: String, errorCode: Int32 = errno) {
        self.function = function
        self.errorCode = errorCode
    }

    public var description: String {
        "\(function) failed: \(String(cString: strerror(errorCode))) (errno \(errorCode))"
    }
}

/// Retries a system call interrupted by a signal and turns a negative result into an `IOError`.
@inline(__always)
@discardableResult
func syscall<T: BinaryInteger>(_ function: String, _ body: () -> T) throws(IOError) -> T {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = errno
        if code == EINTR { continue }
        throw IOError(function, errorCode: code)
    }
}
