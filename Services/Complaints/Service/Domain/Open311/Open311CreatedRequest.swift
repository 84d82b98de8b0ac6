import GuichetCore

/// The answer to a GeoReport POST (`[{"service_request_id": …, "service_notice": …, "account_id": null}]`),
/// or to `tokens/{token}.json` when ``token`` is set.
public struct Open311CreatedRequest: Sendable, Hashable {
    /// `service_request_id`: the new complaint's public id.
    public var id: String
    /// `service_notice`: what happens next (the tracking code and expected answer date, say).
    public var serviceNotice: String?
    /// `account_id`, if known.
    public var accountID: String?
    /// `token`, for the token endpoint's answer.
    public var token: String?

    /// A creation answer from its parts.
    public init(id: String, serviceNotice: String? = nil, accountID: String? = nil, token: String? = nil) {
        self.id = id
        self.serviceNotice = serviceNotice
        self.accountID = accountID
        self.token = token
    }

    /// The answer as a one-element JSON array. A token answer has `service_request_id` and
    /// `token`; a POST answer has `service_request_id`, `service_notice` and `account_id`.
    public var encodedJSON: [UInt8] {
        Open311Writing.array([self], capacity: 64) { json, created in
            json.openObject()
            json.writeKey("service_request_id")
            json.write(created.id)
            if let token = created.token {
                json.writeKey("token")
                json.write(token)
            } else {
                json.writeKey("service_notice")
                Open311Writing.write(created.serviceNotice, to: &json)
                json.writeKey("account_id")
                Open311Writing.write(created.accountID, to: &json)
            }
            json.closeObject()
        }
    }
}
