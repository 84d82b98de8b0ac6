extension Duration {
    /// The duration in seconds as a `Double`, the unit of `Date` arithmetic and of metrics
    /// (`date.addingTimeInterval(timeout.timeInterval)`).
    public var timeInterval: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
