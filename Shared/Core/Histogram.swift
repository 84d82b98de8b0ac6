import Synchronization

/// A family of histograms: distributions of observed values (request durations in seconds).
public final class HistogramFamily: MetricFamily {
    /// The metric name.
    public let name: String
    /// What the metric measures (the `# HELP` text).
    public let help: String
    /// The names of the labels, in order.
    public let labelNames: [String]
    /// The buckets' upper bounds, strictly increasing, without `+Inf`.
    public let buckets: [Double]
    private let table = SeriesTable<Histogram>()

    init(name: String, help: String, labelNames: [String], buckets: [Double]) {
        precondition(!labelNames.contains("le"), "\(name): `le` is reserved for histogram buckets")
        precondition(buckets.allSatisfy(\.isFinite), "\(name): bucket bounds must be finite")
        precondition(zip(buckets, buckets.dropFirst()).allSatisfy { $0 < $1 }, "\(name): buckets must increase")
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.buckets = buckets
    }

    /// The series for these label values (one per label name, in order); obtain it once and keep it.
    public func labels(_ values: String...) -> Histogram {
        labels(values)
    }

    /// The series for these label values (one per label name, in order).
    public func labels(_ values: [String]) -> Histogram {
        precondition(values.count == labelNames.count, "\(name) takes \(labelNames.count) label values")
        return table.series(for: values) { Histogram(buckets: buckets) }
    }

    func isCompatible(with other: HistogramFamily) -> Bool { buckets == other.buckets }

    func render(into output: inout PrometheusTextWriter) {
        output.header(name: name, help: help, type: "histogram")
        for (values, series) in table.snapshot() {
            let counts = series.bucketCounts()
            var cumulative: UInt64 = 0
            for (bound, count) in zip(buckets, counts) {
                cumulative += count
                output.sample(
                    name: name, suffix: "_bucket", labelNames: labelNames, labelValues: values,
                    extra: ("le", PrometheusTextWriter.format(bound)), value: String(cumulative))
            }
            cumulative += counts[buckets.count]
            output.sample(
                name: name, suffix: "_bucket", labelNames: labelNames, labelValues: values, extra: ("le", "+Inf"),
                value: String(cumulative))
            output.sample(
                name: name, suffix: "_sum", labelNames: labelNames, labelValues: values,
                value: PrometheusTextWriter.format(series.sum))
            output.sample(name: name, suffix: "_count", labelNames: labelNames, labelValues: values, value: String(cumulative))
        }
    }
}

// @unchecked Sendable: the only mutable state is reached through `counts`, a buffer of atomics that
// is initialised before `init` returns, never reallocated, and freed in `deinit`; every access to it
// is an atomic operation.
/// One histogram series; observations are lock-free (one atomic add per bucket hit, a
/// compare-and-swap for the sum).
public final class Histogram: @unchecked Sendable {
    /// Bucket bounds for HTTP latencies in seconds, from half a millisecond to ten seconds.
    public static let defaultBuckets: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    private let bounds: [Double]
    /// Per-bucket (not cumulative) counts; the last slot is the `+Inf` bucket.
    private let counts: UnsafeMutablePointer<Atomic<UInt64>>
    private let sumBits = Atomic<UInt64>(0.0.bitPattern)

    init(buckets: [Double]) {
        bounds = buckets
        counts = .allocate(capacity: buckets.count + 1)
        for index in 0...buckets.count {
            (counts + index).initialize(to: Atomic<UInt64>(0))
        }
    }

    deinit {
        counts.deinitialize(count: bounds.count + 1)
        counts.deallocate()
    }

    /// Records one value (NaN is ignored).
    public func observe(_ value: Double) {
        guard !value.isNaN else { return }
        var low = 0
        var high = bounds.count
        while low < high {
            let middle = (low + high) / 2
            if value <= bounds[middle] { high = middle } else { low = middle + 1 }
        }
        counts[low].wrappingAdd(1, ordering: .relaxed)
        var current = sumBits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + value).bitPattern
            let (exchanged, original) = sumBits.weakCompareExchange(
                expected: current, desired: next, successOrdering: .relaxed, failureOrdering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Records a duration in seconds.
    public func observe(_ duration: Duration) {
        observe(duration.timeInterval)
    }

    /// The sum of all observed values.
    public var sum: Double {
        Double(bitPattern: sumBits.load(ordering: .relaxed))
    }

    /// The number of observations.
    public var count: UInt64 {
        bucketCounts().reduce(0, +)
    }

    func bucketCounts() -> [UInt64] {
        (0...bounds.count).map { counts[$0].load(ordering: .relaxed) }
    }
}
