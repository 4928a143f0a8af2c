// ChartFrame.swift: the parts every chart has: title, plot area, axes with ticks and titles, legend.

/// One legend entry: a filled swatch, or a line sample with its marker.
public struct LegendEntry: Sendable {
    public enum Sample: Sendable {
        case swatch
        case line(dash: String?, marker: MarkerShape)
    }

    public var name: String
    public var colour: String
    public var sample: Sample

    public init(name: String, colour: String, sample: Sample = .swatch) {
        self.name = name
        self.colour = colour
        self.sample = sample
    }
}

/// The words of a chart: title, optional subtitle (what was measured, how), axis titles with units.
public struct ChartLabels: Sendable {
    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var yTitle: String

    public init(title: String, subtitle: String? = nil, xTitle: String, yTitle: String) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
    }
}

/// Draws the frame of a chart into an ``SVGDocument``; charts draw their marks between the calls.
struct ChartFrame {
    var svg: SVGDocument
    let plotLeft: Double, plotRight: Double, plotTop: Double, plotBottom: Double

    let labels: ChartLabels

    init(_ labels: ChartLabels) {
        self.labels = labels
        let title = labels.title
        svg = SVGDocument(width: ChartStyle.width, height: ChartStyle.height, title: title)
        plotLeft = ChartStyle.left
        plotRight = ChartStyle.width - ChartStyle.right
        plotTop = ChartStyle.top
        plotBottom = ChartStyle.height - ChartStyle.bottom
        svg.text(title, x: ChartStyle.width / 2, y: 24, size: 16, anchor: .middle, bold: true)
        if let subtitle = labels.subtitle {
            svg.text(subtitle, x: ChartStyle.width / 2, y: 42, size: 11.5, anchor: .middle, fill: "#555555")
        }
    }

    var plotWidth: Double { plotRight - plotLeft }

    /// A y axis placed on the plot area, with grid lines, tick labels and a rotated title.
    mutating func yAxis(_ axis: ChartAxis, format: (Double) -> String = ChartStyle.compact) -> ChartAxis {
        let placed = axis.placed(from: plotBottom, to: plotTop)
        for tick in axis.ticks {
            let y = placed.position(tick)
            svg.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: ChartStyle.gridColour)
            svg.line(x1: plotLeft - 5, y1: y, x2: plotLeft, y2: y, stroke: ChartStyle.axisColour)
            svg.text(format(tick), x: plotLeft - 8, y: y + 4, size: 11, anchor: .end)
        }
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: ChartStyle.axisColour)
        let middle = (plotTop + plotBottom) / 2
        svg.text(labels.yTitle, x: 22, y: middle, size: 12.5, anchor: .middle, bold: true, rotate: -90)
        return placed
    }

    /// A numeric x axis with ticks, tick labels and a title.
    mutating func xAxis(_ axis: ChartAxis, format: (Double) -> String = ChartStyle.compact) -> ChartAxis {
        let placed = axis.placed(from: plotLeft, to: plotRight)
        for tick in axis.ticks {
            let x = placed.position(tick)
            svg.line(x1: x, y1: plotTop, x2: x, y2: plotBottom, stroke: ChartStyle.gridColour)
            svg.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 5, stroke: ChartStyle.axisColour)
            svg.text(format(tick), x: x, y: plotBottom + 19, size: 11, anchor: .middle)
        }
        baseline()
        xTitle()
        return placed
    }

    /// Category labels centred at `centres` (a `\n` in a label starts a second line), and a title.
    mutating func categoryAxis(_ categories: [String], centres: [Double]) {
        for (label, x) in zip(categories, centres) {
            for (k, line) in label.split(separator: "\n").enumerated() {
                svg.text(String(line), x: x, y: plotBottom + 18 + Double(k) * 14, size: 11, anchor: .middle)
            }
        }
        baseline()
        xTitle()
    }

    private mutating func baseline() {
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: ChartStyle.axisColour)
    }

    private mutating func xTitle() {
        svg.text(
            labels.xTitle, x: (plotLeft + plotRight) / 2, y: ChartStyle.height - 16, size: 12.5, anchor: .middle,
            bold: true)
    }

    /// The legend, right of the plot area, under an optional heading.
    mutating func legend(_ entries: [LegendEntry], heading: String? = nil) {
        let x = plotRight + 18
        var y = plotTop + 4
        if let heading {
            svg.text(heading, x: x, y: y + 8, size: 11.5, bold: true)
            y += 20
        }
        for entry in entries {
            switch entry.sample {
            case .swatch:
                svg.rect(x: x, y: y, width: 14, height: 14, fill: entry.colour, stroke: "#ffffff")
            case .line(let dash, let marker):
                svg.line(x1: x - 2, y1: y + 7, x2: x + 24, y2: y + 7, stroke: entry.colour, width: 2.5, dash: dash)
                svg.marker(marker, x: x + 11, y: y + 7, size: 8, fill: entry.colour)
            }
            svg.text(entry.name, x: x + 32, y: y + 11.5, size: 11.5)
            y += 21
        }
    }
}
