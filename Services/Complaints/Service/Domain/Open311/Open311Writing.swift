import GuichetCore

/// Small helpers shared by the GeoReport writers.
enum Open311Writing {
    static func write(_ text: String?, to json: inout JSONWriter) {
        if let text { json.write(text) } else { json.writeNull() }
    }

    static func array<Element>(_ elements: [Element], capacity: Int = 256, _ write: (inout JSONWriter, Element) -> Void) -> [UInt8] {
        var json = JSONWriter(capacity: capacity + elements.count * 256)
        json.openArray()
        for element in elements { write(&json, element) }
        json.closeArray()
        return json.bytes
    }
}
