import FoundationEssentials
import GuichetCore
import GuichetCrypto

extension ArchivePackage {
    /// The manifest as XML in the vocabulary of SEDA 2.1: an `ArchiveTransfer` whose `DataObjectPackage`
    /// holds one `BinaryDataObject` per document (with its `MessageDigest`, SHA-256) and one `ArchiveUnit`
    /// describing the item, its `AppraisalRule` (retention) and its `Event`s (audit records, payloads as
    /// canonical JSON). Deterministic and escaped.
    public func xmlManifest() throws(CanonicalJSON.EncodingError) -> String {
        var xml = XMLBuilder()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.open("ArchiveTransfer", attributes: [("xmlns", "fr:gouv:culture:archivesdefrance:seda:v2.1")])
        xml.element("Comment", "Guichet mail archive package (\(Self.format))")
        xml.element("Date", RFC3339.formatUTC(createdAt))
        xml.element("MessageIdentifier", packageID.lowercaseString)
        xml.open("DataObjectPackage")
        let documents = orderedDocuments
        for (index, document) in documents.enumerated() {
            xml.open("BinaryDataObject", attributes: [("id", "DO\(index + 1)")])
            xml.element("DataObjectVersion", "BinaryMaster_\(document.version)")
            xml.element("Uri", document.packagePath)
            xml.element("MessageDigest", document.sha256, attributes: [("algorithm", "http://www.w3.org/2001/04/xmlenc#sha256")])
            xml.element("Size", String(document.byteCount))
            xml.open("FormatIdentification")
            xml.element("MimeType", document.mediaType)
            xml.close("FormatIdentification")
            xml.open("FileInfo")
            xml.element("Filename", document.fileName)
            xml.element("LastModified", RFC3339.formatUTC(document.addedAt, precision: .microseconds))
            xml.close("FileInfo")
            xml.close("BinaryDataObject")
        }
        xml.open("DescriptiveMetadata")
        xml.open("ArchiveUnit", attributes: [("id", "AU1")])
        xml.open("Management")
        xml.open("AppraisalRule")
        xml.element("Rule", isoDuration)
        xml.element("StartDate", retentionStart.description)
        xml.element("EndDate", retention.endDate(startingOn: retentionStart).description)
        xml.element("FinalAction", retention.finalAction == .archive ? "Keep" : "Destroy")
        xml.close("AppraisalRule")
        xml.close("Management")
        xml.open("Content")
        xml.element("DescriptionLevel", "Item")
        xml.element("Title", item.details.subject)
        xml.element("OriginatingSystemId", item.number.text)
        xml.element("ArchivalAgencyArchiveUnitIdentifier", item.id.lowercaseString)
        xml.element("DocumentType", documentTypeName)
        xml.element("Direction", item.direction.rawValue)
        xml.element("Status", item.workflow.status.rawValue)
        xml.element("Priority", item.details.priority.rawValue)
        xml.element("Confidentiality", item.details.confidentiality.rawValue)
        xml.element("Medium", item.details.medium.rawValue)
        if let reference = item.details.reference { xml.element("TransactedReference", reference) }
        if let correspondent = item.details.correspondent {
            xml.open(item.direction == .incoming ? "Sender" : "Addressee")
            xml.element(correspondent.kind == .person ? "FullName" : "Corpname", correspondent.name)
            xml.element("Identifier", correspondent.contactID.lowercaseString)
            xml.close(item.direction == .incoming ? "Sender" : "Addressee")
        }
        xml.element("OriginatingAgencyIdentifier", tenantID.lowercaseString)
        xml.element("OriginatingAgencyName", tenantName)
        xml.element("RegisteredDate", RFC3339.formatUTC(item.registeredAt, precision: .microseconds))
        if let receivedAt = item.details.receivedAt { xml.element("ReceivedDate", RFC3339.formatUTC(receivedAt, precision: .microseconds)) }
        if let sentAt = item.details.sentAt { xml.element("SentDate", RFC3339.formatUTC(sentAt, precision: .microseconds)) }
        if let cancellation = item.cancellation {
            xml.open("Cancellation")
            xml.element("Reason", cancellation.reason)
            xml.element("Agent", cancellation.cancelledBy)
            xml.element("Date", RFC3339.formatUTC(cancellation.cancelledAt, precision: .microseconds))
            xml.close("Cancellation")
        }
        for record in orderedEvents {
            xml.open("Event")
            xml.element("EventIdentifier", String(record.sequence))
            xml.element("EventType", record.eventType.rawValue)
            xml.element("EventDateTime", RFC3339.formatUTC(record.timestamp, precision: .microseconds))
            xml.element("EventDetail", try CanonicalJSON.string(record.payload))
            xml.element("LinkingAgentIdentifierValue", record.actor)
            xml.element("EventHash", Hex.encode(record.hash), attributes: [("algorithm", "SHA-256")])
            xml.close("Event")
        }
        xml.close("Content")
        for index in documents.indices {
            xml.open("DataObjectReference")
            xml.element("DataObjectReferenceId", "DO\(index + 1)")
            xml.close("DataObjectReference")
        }
        xml.close("ArchiveUnit")
        xml.close("DescriptiveMetadata")
        xml.close("DataObjectPackage")
        xml.close("ArchiveTransfer")
        return xml.text
    }
}

/// Writes indented XML, escaping every text and attribute value.
struct XMLBuilder {
    private(set) var text = ""
    private var depth = 0

    mutating func raw(_ string: String) {
        text += string
    }

    mutating func open(_ name: String, attributes: [(String, String)] = []) {
        text += indentation + "<" + name + Self.attributes(attributes) + ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += indentation + "</" + name + ">\n"
    }

    mutating func element(_ name: String, _ value: String, attributes: [(String, String)] = []) {
        text += indentation + "<" + name + Self.attributes(attributes) + ">" + Markup.escape(value) + "</" + name + ">\n"
    }

    private var indentation: String { String(repeating: "  ", count: depth) }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(Markup.escape($0.1))\"" }.joined()
    }
}
