// LineChart.swift: lines over a logarithmic x and y axis.

/// One line: points (x, y), its colour, dash pattern and marker.
public struct LineSeries: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    public var colour: String
    /// An SVG dash array (`6 4`), or nil for a solid line.
    public var dash: String?
    public var marker: MarkerShape

    public init(
        name: String, points: [(x: Double, y: Double)], colour: String, dash: String? = nil,
        marker: MarkerShape = .circle
    ) {
        self.name = name
        self.points = points
        self.colour = colour
        self.dash = dash
        self.marker = marker
    }
}

/// Lines on log-log axes: how a quantity grows with another (throughput against scale).
public struct LogLogLineChart: Sendable {
    public var labels: ChartLabels
    public var series: [LineSeries]
    public var legendHeading: String?

    public init(_ labels: ChartLabels, series: [LineSeries], legendHeading: String? = nil) {
        self.labels = labels
        self.series = series
        self.legendHeading = legendHeading
    }

    /// The chart as an SVG document.
    public func render() -> String {
        var frame = ChartFrame(labels)
        let xs = series.flatMap { $0.points.map(\.x) }.filter { $0 > 0 }
        let ys = series.flatMap { $0.points.map(\.y) }.filter { $0 > 0 }
        let y = frame.yAxis(ChartAxis.logarithmic(minimum: ys.min() ?? 1, maximum: ys.max() ?? 10))
        let x = frame.xAxis(ChartAxis.logarithmic(minimum: xs.min() ?? 1, maximum: xs.max() ?? 10))
        for one in series {
            let points = one.points.filter { $0.x > 0 && $0.y > 0 }.sorted { $0.x < $1.x }
                .map { (x.position($0.x), y.position($0.y)) }
            if points.count > 1 { frame.svg.polyline(points, stroke: one.colour, width: 2.2, dash: one.dash) }
            for p in points { frame.svg.marker(one.marker, x: p.0, y: p.1, size: 8, fill: one.colour) }
        }
        frame.legend(
            series.map {
                LegendEntry(name: $0.name, colour: $0.colour, sample: .line(dash: $0.dash, marker: $0.marker))
            },
            heading: legendHeading)
        return frame.svg.render()
    }
}
