/// The method of an HTTP request (RFC 9110, section 9).
///
/// The methods the platform serves have their own cases so that comparing them is a switch on a
/// small tag; anything else http_parser accepts (WebDAV, Subversion, …) is kept by name in
/// `.other`. Create values from a name with `init(name:)`, which never puts a known method in
/// `.other`, so that `.get == HTTPMethod(name: "GET")` always holds.
public enum HTTPMethod: Hashable, Sendable {
    /// `GET`: read a resource.
    case get
    /// `HEAD`: like `GET`, without the body.
    case head
    /// `POST`: create or submit.
    case post
    /// `PUT`: replace a resource.
    case put
    /// `PATCH`: change part of a resource.
    case patch
    /// `DELETE`: remove a resource.
    case delete
    /// `OPTIONS`: ask what the target supports.
    case options
    /// `TRACE`: loop-back test (never routed by the platform, but parsed).
    case trace
    /// `CONNECT`: tunnel request (refused by the request parser).
    case connect
    /// Any other method token, by its exact (case-sensitive) name.
    case other(String)

    /// The method named `name` (method names are case-sensitive: `get` is not `GET`).
    public init(name: String) {
        switch name {
        case "GET": self = .get
        case "HEAD": self = .head
        case "POST": self = .post
        case "PUT": self = .put
        case "PATCH": self = .patch
        case "DELETE": self = .delete
        case "OPTIONS": self = .options
        case "TRACE": self = .trace
        case "CONNECT": self = .connect
        default: self = .other(name)
        }
    }

    /// The method's name as it appears on the request line.
    public var name: String {
        switch self {
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .patch: "PATCH"
        case .delete: "DELETE"
        case .options: "OPTIONS"
        case .trace: "TRACE"
        case .connect: "CONNECT"
        case .other(let name): name
        }
    }
}

extension HTTPMethod: CustomStringConvertible {
    /// The method's name, as on the request line.
    public var description: String { name }
}
