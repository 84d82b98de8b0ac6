import Foundation
import GuichetCore

/// A service's OpenAPI document as served at `/openapi.json`: the service's own paths plus the
/// operational endpoints every process has (`/healthz`, `/readyz`, `/metrics`, `/openapi.json`),
/// described once, in the kit's `OpenAPI/operations.json`.
public enum ServiceDocument {
    /// The kit's description of the operational endpoints.
    public static let operations: JSONValue = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("OpenAPI/operations.json")
        guard let data = try? Data(contentsOf: url), let document = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            preconditionFailure("the kit's OpenAPI/operations.json resource is missing or malformed")
        }
        return document
    }()

    /// The service's document (JSON bytes) completed with the operational endpoints.
    public static func completing(_ own: [UInt8]) throws -> JSONValue {
        let document = try JSONDecoder().decode(JSONValue.self, from: Data(own))
        return OpenAPIMerger.merge(document, with: [operations])
    }

    /// The document of a service's target resources (`OpenAPI/openapi.json` in `bundle`), completed.
    public static func load(from bundle: Bundle) throws -> JSONValue {
        let url = bundle.resourceURL!.appendingPathComponent("OpenAPI/openapi.json")
        return try completing(Array(try Data(contentsOf: url)))
    }
}
