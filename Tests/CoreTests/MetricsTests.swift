import Testing
@testable import GuichetCore

@Suite struct MetricsTests {
    @Test func rendersCountersWithHelpTypeAndLabels() {
        let registry = MetricsRegistry()
        let requests = registry.counter("http_requests_total", help: "HTTP requests served.", labelNames: ["method", "status"])
        let ok = requests.labels("GET", "200")
        ok.increment()
        ok.increment(by: 2)
        requests.labels("POST", "201").increment()
        #expect(requests.labels("GET", "200") === ok)
        #expect(registry.render() == """
            # HELP http_requests_total HTTP requests served.
            # TYPE http_requests_total counter
            http_requests_total{method="GET",status="200"} 3
            http_requests_total{method="POST",status="201"} 1

            """)
    }

    @Test func escapesLabelValuesAndHelp() {
        let registry = MetricsRegistry()
        registry.gauge("g", help: "back\\slash and\nnewline", labelNames: ["path"]).labels("a\"b\\c\nd").set(1.5)
        #expect(registry.render() == """
            # HELP g back\\\\slash and\\nnewline
            # TYPE g gauge
            g{path="a\\"b\\\\c\\nd"} 1.5

            """)
    }

    @Test func gaugesGoUpAndDown() {
        let registry = MetricsRegistry()
        let connections = registry.gauge("open_connections", help: "Open connections.").labels()
        connections.increment()
        connections.increment()
        connections.decrement()
        connections.add(0.5)
        #expect(connections.value == 1.5)
        connections.set(-3)
        #expect(registry.render().contains("open_connections -3\n"))
    }

    @Test func histogramsRenderCumulativeBucketsSumAndCount() {
        let registry = MetricsRegistry()
        let family = registry.histogram("latency_seconds", help: "Latency.", labelNames: ["route"], buckets: [0.1, 0.5, 1])
        let series = family.labels("/x")
        for value in [0.05, 0.1, 0.3, 2, 7] { series.observe(value) }
        series.observe(.nan)
        #expect(series.count == 5)
        #expect(registry.render() == """
            # HELP latency_seconds Latency.
            # TYPE latency_seconds histogram
            latency_seconds_bucket{route="/x",le="0.1"} 2
            latency_seconds_bucket{route="/x",le="0.5"} 3
            latency_seconds_bucket{route="/x",le="1"} 3
            latency_seconds_bucket{route="/x",le="+Inf"} 5
            latency_seconds_sum{route="/x"} 9.45
            latency_seconds_count{route="/x"} 5

            """)
    }

    @Test func defaultBucketsSuitHTTPLatency() {
        #expect(Histogram.defaultBuckets.first == 0.0005)
        #expect(Histogram.defaultBuckets.last == 10)
        let registry = MetricsRegistry()
        let series = registry.histogram("d", help: "d").labels()
        series.observe(Duration.milliseconds(3))
        let text = registry.render()
        #expect(text.contains(#"d_bucket{le="0.0025"} 0"#))
        #expect(text.contains(#"d_bucket{le="0.005"} 1"#))
        #expect(text.contains(#"d_bucket{le="10"} 1"#))
        #expect(text.contains("d_sum 0.003\n"))
    }

    @Test func registeringTwiceReturnsTheSameFamily() {
        let registry = MetricsRegistry()
        let first = registry.counter("c", help: "c", labelNames: ["a"])
        let second = registry.counter("c", help: "c", labelNames: ["a"])
        #expect(first === second)
        first.labels("x").increment()
        #expect(second.labels("x").value == 1)
    }

    @Test func familiesRenderInRegistrationOrder() {
        let registry = MetricsRegistry()
        _ = registry.gauge("zeta", help: "z")
        _ = registry.counter("alpha", help: "a")
        let text = registry.render()
        #expect(text.firstRange(of: "zeta")!.lowerBound < text.firstRange(of: "alpha")!.lowerBound)
        #expect(MetricsRegistry.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }

    @Test func concurrentIncrementsAreNotLost() async {
        let registry = MetricsRegistry()
        let family = registry.counter("hits_total", help: "Hits.", labelNames: ["worker"])
        let histogram = registry.histogram("h", help: "h").labels()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    let shared = family.labels("shared")
                    let own = family.labels("\(worker % 2)")
                    for _ in 0..<10_000 {
                        shared.increment()
                        own.increment()
                        histogram.observe(0.25)
                    }
                }
            }
        }
        #expect(family.labels("shared").value == 80_000)
        #expect(family.labels("0").value == 40_000)
        #expect(family.labels("1").value == 40_000)
        #expect(histogram.count == 80_000)
        #expect(histogram.sum == 20_000)
    }

    @Test func nameValidation() {
        #expect(MetricsRegistry.isValidMetricName("http_requests_total"))
        #expect(MetricsRegistry.isValidMetricName("a:b_c"))
        #expect(!MetricsRegistry.isValidMetricName("1abc"))
        #expect(!MetricsRegistry.isValidMetricName("a-b"))
        #expect(!MetricsRegistry.isValidMetricName(""))
        #expect(MetricsRegistry.isValidLabelName("route"))
        #expect(!MetricsRegistry.isValidLabelName("__reserved"))
        #expect(!MetricsRegistry.isValidLabelName("a:b"))
    }
}
