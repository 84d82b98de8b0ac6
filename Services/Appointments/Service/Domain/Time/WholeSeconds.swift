import FoundationEssentials
import GuichetCore

// The domain computes with whole seconds since 1970 (Int64, see GuichetCore's
// `Date.secondsSince1970`): exact, cheap to compare and add.

extension Date {
    /// Whole seconds since 1970 if the instant falls exactly on a second, else `nil`.
    var exactSecondsSince1970: Int64? {
        let seconds = secondsSince1970
        return Date(secondsSince1970: seconds) == self ? seconds : nil
    }
}

extension Duration {
    /// The duration in whole seconds, rounded down.
    var wholeSeconds: Int64 {
        components.seconds
    }
}
