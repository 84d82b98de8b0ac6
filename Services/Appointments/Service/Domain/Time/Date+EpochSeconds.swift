import FoundationEssentials

// The domain computes with whole seconds since 1970 (Int64): exact, cheap to compare and add.
extension Date {
    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    init(epochSeconds seconds: Int64) {
        self.init(timeIntervalSince1970: Double(seconds))
    }

    /// Whole seconds since 1970, rounded down.
    var epochSeconds: Int64 {
        let value = timeIntervalSince1970.rounded(.down)
        return Int64(exactly: value) ?? (value < 0 ? Int64.min / 2 : Int64.max / 2)
    }

    /// Whole seconds since 1970 if the instant falls exactly on a second, else `nil`.
    var exactEpochSeconds: Int64? {
        Int64(exactly: timeIntervalSince1970)
    }
}

extension Duration {
    /// The duration in whole seconds, rounded down.
    var wholeSeconds: Int64 {
        components.seconds
    }
}
