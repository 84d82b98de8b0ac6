import Synchronization

/// A family of gauges: values that go up and down (open connections, queue length).
public final class GaugeFamily: MetricFamily {
    /// The metric name.
    public let name: String
    /// What the metric measures (the `# HELP` text).
    public let help: String
    /// The names of the labels, in order.
    public let labelNames: [String]
    private let table = SeriesTable<Gauge>()

    init(name: String, help: String, labelNames: [String]) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
    }

    /// The series for these label values (one per label name, in order); obtain it once and keep it.
    public func labels(_ values: String...) -> Gauge {
        labels(values)
    }

    /// The series for these label values (one per label name, in order).
    public func labels(_ values: [String]) -> Gauge {
        precondition(values.count == labelNames.count, "\(name) takes \(labelNames.count) label values")
        return table.series(for: values) { Gauge() }
    }

    func isCompatible(with other: GaugeFamily) -> Bool { true }

    func render(into output: inout PrometheusTextWriter) {
        output.header(name: name, help: help, type: "gauge")
        for (values, series) in table.snapshot() {
            output.sample(
                name: name, labelNames: labelNames, labelValues: values, value: PrometheusTextWriter.format(series.value))
        }
    }
}

/// One gauge series; updates are lock-free (a compare-and-swap loop on the value's bits).
public final class Gauge: Sendable {
    private let bits = Atomic<UInt64>(0.0.bitPattern)

    init() {}

    /// Sets the value.
    public func set(_ value: Double) {
        bits.store(value.bitPattern, ordering: .relaxed)
    }

    /// Adds `amount` (which may be negative).
    public func add(_ amount: Double) {
        var current = bits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = bits.weakCompareExchange(
                expected: current, desired: next, successOrdering: .relaxed, failureOrdering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Adds one.
    public func increment() { add(1) }

    /// Subtracts one.
    public func decrement() { add(-1) }

    /// The current value.
    public var value: Double {
        Double(bitPattern: bits.load(ordering: .relaxed))
    }
}
