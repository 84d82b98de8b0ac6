/// Builds the Prometheus text exposition format (0.0.4): `# HELP`, `# TYPE` and sample lines.
struct PrometheusTextWriter {
    private(set) var bytes: [UInt8] = []

    mutating func header(name: String, help: String, type: String) {
        append("# HELP ")
        append(name)
        bytes.append(UInt8(ascii: " "))
        for byte in help.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        append("# TYPE ")
        append(name)
        bytes.append(UInt8(ascii: " "))
        append(type)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Writes `name{labels} value`, with an optional extra label (`le`) after the others.
    mutating func sample(
        name: String, suffix: String = "", labelNames: [String], labelValues: [String], extra: (String, String)? = nil,
        value: String
    ) {
        append(name)
        append(suffix)
        if !labelNames.isEmpty || extra != nil {
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for (labelName, labelValue) in zip(labelNames, labelValues) {
                label(labelName, labelValue, first: first)
                first = false
            }
            if let extra {
                label(extra.0, extra.1, first: first)
            }
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: " "))
        append(value)
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func label(_ name: String, _ value: String, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        append(name)
        append("=\"")
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\n"): append("\\n")
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A sample value: integral values without a fraction, `+Inf`, `-Inf` and `NaN` spelled as
    /// Prometheus expects, others in Swift's shortest round-tripping form.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}
