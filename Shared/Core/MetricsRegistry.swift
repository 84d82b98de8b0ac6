import Synchronization

/// Holds an executable's metrics (counters, gauges, histograms) and renders them in the Prometheus
/// text exposition format 0.0.4 for `/metrics`.
///
/// Register each metric family once at start-up, then obtain each labelled series once and keep its
/// handle: increments and observations on a handle are lock-free atomics; only obtaining a series
/// takes a lock.
///
/// ```swift
/// let requests = registry.counter("http_requests_total", help: "HTTP requests.", labelNames: ["route", "status"])
/// let ok = requests.labels("/v1/{tenant}/complaints", "200")
/// ok.increment()
/// ```
public final class MetricsRegistry: Sendable {
    /// The `Content-Type` of ``render()``'s output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private let families = Mutex<[any MetricFamily]>([])

    /// Creates an empty registry.
    public init() {}

    /// Registers a counter family, or returns the one already registered under `name`.
    ///
    /// Names must match `[a-zA-Z_:][a-zA-Z0-9_:]*` and label names `[a-zA-Z_][a-zA-Z0-9_]*` (not
    /// starting with `__`); registering one name twice with another type or other labels traps,
    /// being a programming error.
    public func counter(_ name: String, help: String, labelNames: [String] = []) -> CounterFamily {
        register(CounterFamily(name: name, help: help, labelNames: labelNames))
    }

    /// Registers a gauge family, or returns the one already registered under `name`.
    public func gauge(_ name: String, help: String, labelNames: [String] = []) -> GaugeFamily {
        register(GaugeFamily(name: name, help: help, labelNames: labelNames))
    }

    /// Registers a histogram family, or returns the one already registered under `name`. `buckets`
    /// are upper bounds, strictly increasing; `+Inf` is added.
    public func histogram(
        _ name: String, help: String, labelNames: [String] = [], buckets: [Double] = Histogram.defaultBuckets
    ) -> HistogramFamily {
        register(HistogramFamily(name: name, help: help, labelNames: labelNames, buckets: buckets))
    }

    /// Renders every family, in registration order, in the Prometheus text format.
    public func render() -> String {
        String(decoding: renderBytes(), as: UTF8.self)
    }

    /// Renders every family as UTF-8 bytes.
    public func renderBytes() -> [UInt8] {
        let snapshot = families.withLock { $0 }
        var output = PrometheusTextWriter()
        for family in snapshot {
            family.render(into: &output)
        }
        return output.bytes
    }

    private func register<Family: MetricFamily>(_ candidate: Family) -> Family {
        precondition(Self.isValidMetricName(candidate.name), "Invalid metric name: \(candidate.name)")
        for label in candidate.labelNames {
            precondition(Self.isValidLabelName(label), "Invalid label name \(label) for \(candidate.name)")
        }
        precondition(Set(candidate.labelNames).count == candidate.labelNames.count, "Repeated label in \(candidate.name)")
        return families.withLock { families in
            if let existing = families.first(where: { $0.name == candidate.name }) {
                guard let same = existing as? Family, same.labelNames == candidate.labelNames,
                    same.isCompatible(with: candidate)
                else {
                    preconditionFailure("Metric \(candidate.name) is already registered differently")
                }
                return same
            }
            families.append(candidate)
            return candidate
        }
    }

    static func isValidMetricName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !first.isASCIIDigit else { return false }
        return name.utf8.allSatisfy { $0.isASCIILetterOrDigit || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") }
    }

    static func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !first.isASCIIDigit, !name.hasPrefix("__") else { return false }
        return name.utf8.allSatisfy { $0.isASCIILetterOrDigit || $0 == UInt8(ascii: "_") }
    }
}

/// A registered family of series sharing a name and label names.
protocol MetricFamily: AnyObject, Sendable {
    var name: String { get }
    var labelNames: [String] { get }
    func isCompatible(with other: Self) -> Bool
    func render(into output: inout PrometheusTextWriter)
}

/// The series of one family, keyed by label values, created on first use.
struct SeriesTable<Series: Sendable>: ~Copyable, Sendable {
    private let table = Mutex<(order: [[String]], series: [[String]: Series])>(([], [:]))

    /// The series for `values`, created by `make` the first time.
    func series(for values: [String], make: () -> Series) -> Series {
        table.withLock { table in
            if let existing = table.series[values] { return existing }
            let created = make()
            table.series[values] = created
            table.order.append(values)
            return created
        }
    }

    /// Every series with its label values, in creation order.
    func snapshot() -> [(values: [String], series: Series)] {
        table.withLock { table in table.order.map { ($0, table.series[$0]!) } }
    }
}
