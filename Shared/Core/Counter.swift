import Synchronization

/// A family of counters: values that only go up (requests served, errors), one series per label set.
public final class CounterFamily: MetricFamily {
    /// The metric name.
    public let name: String
    /// What the metric counts (the `# HELP` text).
    public let help: String
    /// The names of the labels, in order.
    public let labelNames: [String]
    private let table = SeriesTable<Counter>()

    init(name: String, help: String, labelNames: [String]) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
    }

    /// The series for these label values (one per label name, in order); obtain it once and keep it.
    public func labels(_ values: String...) -> Counter {
        labels(values)
    }

    /// The series for these label values (one per label name, in order).
    public func labels(_ values: [String]) -> Counter {
        precondition(values.count == labelNames.count, "\(name) takes \(labelNames.count) label values")
        return table.series(for: values) { Counter() }
    }

    func isCompatible(with other: CounterFamily) -> Bool { true }

    func render(into output: inout PrometheusTextWriter) {
        output.header(name: name, help: help, type: "counter")
        for (values, series) in table.snapshot() {
            output.sample(name: name, labelNames: labelNames, labelValues: values, value: String(series.value))
        }
    }
}

/// One counter series; increments are lock-free.
public final class Counter: Sendable {
    private let count = Atomic<UInt64>(0)

    init() {}

    /// Adds `amount` (1 by default).
    public func increment(by amount: UInt64 = 1) {
        count.wrappingAdd(amount, ordering: .relaxed)
    }

    /// The current count.
    public var value: UInt64 {
        count.load(ordering: .relaxed)
    }
}
