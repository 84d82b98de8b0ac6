public import FoundationEssentials
import GuichetCore

/// A service request as GeoReport shows it (`requests.json`, `requests/{id}.json`): the public
/// view of a complaint. Built only from public fields — no contact data, no internal notes.
public struct Open311ServiceRequest: Sendable, Hashable {
    /// `service_request_id`: the complaint's public id (never its tracking code).
    public var id: String
    /// `status`.
    public var status: Open311.Status
    /// `status_notes`: the latest public reply or reason, if any.
    public var statusNotes: String?
    /// `service_name`: the category's name.
    public var serviceName: String
    /// `service_code`: the category's code.
    public var serviceCode: String
    /// `description`, if the tenant publishes descriptions.
    public var description: String?
    /// `agency_responsible`: the unit handling it, if published.
    public var agencyResponsible: String?
    /// `service_notice`: what to expect (the answer deadline, say).
    public var serviceNotice: String?
    /// `requested_datetime`: when it was received.
    public var requestedAt: Date
    /// `updated_datetime`: when it last changed.
    public var updatedAt: Date
    /// `expected_datetime`: when an answer is due, while it is open.
    public var expectedAt: Date?
    /// `address`.
    public var address: String?
    /// `lat` and `long`.
    public var location: GeoPoint?
    /// `media_url`: a public URL of a photo, if any.
    public var mediaURL: String?

    /// A request entry from its parts.
    public init(
        id: String, status: Open311.Status, statusNotes: String? = nil, serviceName: String, serviceCode: String,
        description: String? = nil, agencyResponsible: String? = nil, serviceNotice: String? = nil, requestedAt: Date, updatedAt: Date,
        expectedAt: Date? = nil, address: String? = nil, location: GeoPoint? = nil, mediaURL: String? = nil
    ) {
        self.id = id
        self.status = status
        self.statusNotes = statusNotes
        self.serviceName = serviceName
        self.serviceCode = serviceCode
        self.description = description
        self.agencyResponsible = agencyResponsible
        self.serviceNotice = serviceNotice
        self.requestedAt = requestedAt
        self.updatedAt = updatedAt
        self.expectedAt = expectedAt
        self.address = address
        self.location = location
        self.mediaURL = mediaURL
    }

    /// The entry of a complaint: its UUID as id, its status mapped to open/closed, the answer
    /// deadline as expected time while it is open (not once it is closed).
    public init(
        complaintID: UUID, workflow status: ComplaintStatus, category: (code: String, name: String), receivedAt: Date, updatedAt: Date,
        answerDue: Date? = nil, statusNotes: String? = nil, description: String? = nil, address: String? = nil, location: GeoPoint? = nil,
        mediaURL: String? = nil, agencyResponsible: String? = nil, serviceNotice: String? = nil
    ) {
        let open311Status = Open311.Status(status)
        self.init(
            id: complaintID.lowercaseString, status: open311Status, statusNotes: statusNotes, serviceName: category.name,
            serviceCode: category.code, description: description.map { String($0.prefix(Open311.maximumDescriptionLength)) },
            agencyResponsible: agencyResponsible, serviceNotice: serviceNotice, requestedAt: receivedAt, updatedAt: updatedAt,
            expectedAt: open311Status == .open ? answerDue : nil, address: address, location: location, mediaURL: mediaURL)
    }

    /// Writes the entry's object, every member of the specification present (`null` when
    /// absent), times in `timeZone` with their offset.
    public func write(to json: inout JSONWriter, timeZone: TimeZone) {
        json.openObject()
        json.writeKey("service_request_id")
        json.write(id)
        json.writeKey("status")
        json.write(status.rawValue)
        json.writeKey("status_notes")
        Open311Writing.write(statusNotes, to: &json)
        json.writeKey("service_name")
        json.write(serviceName)
        json.writeKey("service_code")
        json.write(serviceCode)
        json.writeKey("description")
        Open311Writing.write(description, to: &json)
        json.writeKey("agency_responsible")
        Open311Writing.write(agencyResponsible, to: &json)
        json.writeKey("service_notice")
        Open311Writing.write(serviceNotice, to: &json)
        json.writeKey("requested_datetime")
        json.write(Open311.format(requestedAt, in: timeZone))
        json.writeKey("updated_datetime")
        json.write(Open311.format(updatedAt, in: timeZone))
        json.writeKey("expected_datetime")
        Open311Writing.write(expectedAt.map { Open311.format($0, in: timeZone) }, to: &json)
        json.writeKey("address")
        Open311Writing.write(address, to: &json)
        json.writeKey("address_id")
        json.writeNull()
        json.writeKey("zipcode")
        json.writeNull()
        json.writeKey("lat")
        if let location { json.write(location.latitude) } else { json.writeNull() }
        json.writeKey("long")
        if let location { json.write(location.longitude) } else { json.writeNull() }
        json.writeKey("media_url")
        Open311Writing.write(mediaURL, to: &json)
        json.closeObject()
    }

    /// A list of entries, `[{…}, …]` (a single request is a list of one, as the specification shows).
    public static func encodedList(_ requests: [Open311ServiceRequest], timeZone: TimeZone) -> [UInt8] {
        Open311Writing.array(requests, capacity: 64) { $1.write(to: &$0, timeZone: timeZone) }
    }
}
