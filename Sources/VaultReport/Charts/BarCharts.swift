// BarCharts.swift: stacked and grouped bar charts over categories.

/// A named series of values, one per category.
public struct BarSeries: Sendable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// Bars stacked per category (one segment per series), with the total written above each bar.
public struct StackedBarChart: Sendable {
    public var labels: ChartLabels
    /// Category labels; `\n` splits a label over two lines.
    public var categories: [String]
    public var series: [BarSeries]
    /// Formats the totals above the bars and the tooltips.
    public var valueFormat: @Sendable (Double) -> String

    public init(
        _ labels: ChartLabels, categories: [String], series: [BarSeries],
        valueFormat: @escaping @Sendable (Double) -> String = ChartStyle.compact
    ) {
        self.labels = labels
        self.categories = categories
        self.series = series
        self.valueFormat = valueFormat
    }

    /// The chart as an SVG document.
    public func render() -> String {
        var frame = ChartFrame(labels)
        let totals = categories.indices.map { c in series.reduce(0) { $0 + max(0, $1.values[safe: c]) } }
        let y = frame.yAxis(ChartAxis.linear(maximum: (totals.max() ?? 0) * 1.08))
        let slot = frame.plotWidth / Double(max(1, categories.count))
        let barWidth = min(56, slot * 0.62)
        var centres = [Double]()
        for c in categories.indices {
            let centre = frame.plotLeft + slot * (Double(c) + 0.5)
            centres.append(centre)
            var base = 0.0
            for (s, one) in series.enumerated() {
                let value = max(0, one.values[safe: c])
                guard value > 0 else { continue }
                let top = y.position(base + value)
                let bottom = y.position(base)
                frame.svg.rect(
                    x: centre - barWidth / 2, y: top, width: barWidth, height: bottom - top,
                    fill: ChartStyle.colour(s), stroke: "#ffffff",
                    tooltip:
                        "\(categories[c].split(separator: "\n").joined(separator: " ")), \(one.name): \(valueFormat(value))"
                )
                base += value
            }
            frame.svg.text(valueFormat(totals[c]), x: centre, y: y.position(totals[c]) - 5, size: 10.5, anchor: .middle)
        }
        frame.categoryAxis(categories, centres: centres)
        frame.legend(
            series.enumerated().map { LegendEntry(name: $1.name, colour: ChartStyle.colour($0)) }.reversed(),
            heading: "stage (top to bottom)")
        return frame.svg.render()
    }
}

/// Bars side by side per category (one bar per series).
public struct GroupedBarChart: Sendable {
    public var labels: ChartLabels
    public var categories: [String]
    public var series: [BarSeries]
    public var valueFormat: @Sendable (Double) -> String
    /// Palette indices of the series' colours (default 0, 1, 2, ...).
    public var colours: [Int]?

    public init(
        _ labels: ChartLabels, categories: [String], series: [BarSeries], colours: [Int]? = nil,
        valueFormat: @escaping @Sendable (Double) -> String = ChartStyle.compact
    ) {
        self.labels = labels
        self.categories = categories
        self.series = series
        self.colours = colours
        self.valueFormat = valueFormat
    }

    func colour(_ s: Int) -> String { ChartStyle.colour(colours?[safe: s] ?? s) }

    /// The chart as an SVG document.
    public func render() -> String {
        var frame = ChartFrame(labels)
        let maximum = series.flatMap(\.values).max() ?? 0
        let y = frame.yAxis(ChartAxis.linear(maximum: maximum * 1.05))
        let slot = frame.plotWidth / Double(max(1, categories.count))
        let barWidth = min(22, slot * 0.8 / Double(max(1, series.count)))
        var centres = [Double]()
        for c in categories.indices {
            let centre = frame.plotLeft + slot * (Double(c) + 0.5)
            centres.append(centre)
            let first = centre - barWidth * Double(series.count) / 2
            for (s, one) in series.enumerated() {
                let value = max(0, one.values[safe: c])
                let top = y.position(value)
                frame.svg.rect(
                    x: first + barWidth * Double(s), y: top, width: barWidth - 1, height: y.position(0) - top,
                    fill: colour(s),
                    tooltip:
                        "\(categories[c].split(separator: "\n").joined(separator: " ")), \(one.name): \(valueFormat(value))"
                )
            }
        }
        frame.categoryAxis(categories, centres: centres)
        frame.legend(series.indices.map { LegendEntry(name: series[$0].name, colour: colour($0)) })
        return frame.svg.render()
    }
}

extension Array where Element == Double {
    /// The element at `i`, or 0 past the end.
    subscript(safe i: Int) -> Double { indices.contains(i) ? self[i] : 0 }
}

extension Array where Element == Int {
    subscript(safe i: Int) -> Int? { indices.contains(i) ? self[i] : nil }
}
