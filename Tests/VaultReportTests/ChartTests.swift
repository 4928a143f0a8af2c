// ChartTests.swift: SVG charts are well-formed XML with the expected titles, axes, marks and legends.

import Foundation
import Testing
import VaultReport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses an SVG document, collecting element names, attributes and text.
final class SVGProbe: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }
    var elements: [Element] = []
    private var open: [Int] = []
    var error: Error?

    static func parse(_ svg: String) -> SVGProbe? {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: name, attributes: attributes))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func count(_ name: String) -> Int { elements.filter { $0.name == name }.count }
    var texts: [String] { elements.filter { $0.name == "text" }.map(\.text) }
}

@Suite("SVG charts")
struct ChartTests {
    @Test func everyChartIsWellFormedWithTitleAxesAndLegend() throws {
        let charts = ReportFixture.results().charts()
        #expect(
            charts.map(\.file) == [
                "stages-t1.svg", "throughput-t1.svg", "stages-t2.svg", "throughput-t2.svg", "memory-disk.svg",
            ])
        for chart in charts {
            let probe = try #require(SVGProbe.parse(chart.svg), "\(chart.file) is not well-formed XML")
            #expect(probe.elements.first?.name == "svg")
            #expect(probe.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(probe.elements.first?.attributes["viewBox"] != nil)
            #expect(probe.count("title") >= 1)
            #expect(probe.count("line") >= 8, "\(chart.file): axes and ticks")
        }
    }

    @Test func stackedBarsHaveOneSegmentPerStageAndStrategy() throws {
        let chart = try #require(ReportFixture.results().charts().first { $0.file == "stages-t2.svg" })
        let probe = try #require(SVGProbe.parse(chart.svg))
        let texts = probe.texts
        #expect(texts.contains("Time per stage, scale 2, 2 threads"))
        #expect(texts.contains("wall time (seconds)"))
        #expect(texts.contains("hash strategy (algorithm, key format)"))
        for name in ["generate", "stage+hash", "hubs", "links", "satellites", "audits", "snapshot save", "restore"] {
            #expect(texts.contains(name), "legend entry \(name)")
        }
        #expect(texts.contains("md5") && texts.contains("hex"))
        // 4 strategies x 8 stages segments with tooltips, plus 8 legend swatches and the background.
        let segments = probe.elements.filter { $0.name == "rect" && $0.attributes["fill"] != "#ffffff" }
        #expect(segments.count == 4 * 8 + 8)
        #expect(texts.contains("0.108 s"))  // md5-binary total above its bar
    }

    @Test func throughputLinesAreLogLogWithOneLinePerStrategy() throws {
        let chart = try #require(ReportFixture.results().charts().first { $0.file == "throughput-t1.svg" })
        let probe = try #require(SVGProbe.parse(chart.svg))
        #expect(probe.count("polyline") == 4)
        let dashed = probe.elements.filter { $0.name == "polyline" && $0.attributes["stroke-dasharray"] != nil }
        #expect(dashed.count == 2)  // hex formats
        for name in ["md5-binary", "md5-hex", "xxh3-binary", "xxh3-hex"] { #expect(probe.texts.contains(name)) }
        #expect(probe.texts.contains { $0.hasPrefix("scale (") && $0.hasSuffix("log)") })
        #expect(probe.texts.contains("source rows per second (log)"))
    }

    @Test func groupedBarsShowThreeSizesPerStrategyInMegabytes() throws {
        let chart = try #require(ReportFixture.results().charts().first { $0.file == "memory-disk.svg" })
        let probe = try #require(SVGProbe.parse(chart.svg))
        #expect(probe.texts.contains("megabytes (MB, 10^6 bytes)"))
        for name in ["peak resident", "tables in memory", "snapshot on disk"] { #expect(probe.texts.contains(name)) }
        let bars = probe.elements.filter { $0.name == "rect" && $0.attributes["fill"] != "#ffffff" }
        #expect(bars.count == 4 * 3 + 3)
    }

    @Test func textIsEscaped() throws {
        var svg = SVGDocument(width: 10, height: 10, title: "a < b & \"c\"")
        svg.text("x > 'y'", x: 1, y: 1)
        let probe = try #require(SVGProbe.parse(svg.render()))
        #expect(probe.elements.first { $0.name == "title" }?.text == "a < b & \"c\"")
        #expect(probe.texts == ["x > 'y'"])
    }

    @Test func axesTickAtNiceValues() {
        #expect(ChartAxis.linear(maximum: 0.93).ticks == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0])
        #expect(ChartAxis.linear(maximum: 7).ticks == [0, 2, 4, 6, 8])
        let log = ChartAxis.logarithmic(minimum: 0.5, maximum: 100)
        #expect(log.lower == 0.5 && log.upper == 100)
        #expect(log.ticks == [0.5, 1, 2, 5, 10, 20, 50, 100])
        let wide = ChartAxis.logarithmic(minimum: 3e3, maximum: 4e7)
        #expect(wide.ticks == [1e4, 1e5, 1e6, 1e7])
        #expect(ChartStyle.compact(1_250_000) == "1.25M")
        #expect(ChartStyle.compact(950) == "950")
        #expect(ChartStyle.compact(0.25) == "0.25")
        #expect(ChartStyle.fixed(-0.004, decimals: 2) == "0.00")
    }
}

@Suite("Charts from degenerate results")
struct DegenerateChartTests {
    @Test func oneScaleZeroTimesAndOneStrategyStillGiveWellFormedCharts() throws {
        var results = ReportFixture.results()
        results.options.scales = [2]
        results.options.algorithms = ["md5"]
        results.options.keyFormats = ["binary"]
        results.cells = results.cells.filter { $0.strategy == "md5-binary" && $0.scale == 2 }.map { cell in
            var zero = cell
            zero.stages = cell.stages.map { StageSummary(name: $0.name, rows: 0, seconds: Spread([0]), peakResidentBytes: 0) }
            zero.total = StageSummary(name: "total", rows: 0, seconds: Spread([0]), peakResidentBytes: 0)
            return zero
        }
        let charts = results.charts()
        #expect(charts.map(\.file) == ["stages-t1.svg", "stages-t2.svg", "memory-disk.svg"])  // no line chart for one scale
        for chart in charts {
            #expect(SVGProbe.parse(chart.svg) != nil, "\(chart.file) is not well-formed")
            #expect(!chart.svg.contains("nan") && !chart.svg.contains("inf"), "\(chart.file) has a non-finite coordinate")
        }
        let md = results.markdown(charts: charts)
        #expect(md.contains("| md5-binary | 0.000 |"))
        #expect(!md.contains("## Throughput against scale"))
    }

    @Test func aLineChartWithoutPositivePointsHasAxesButNoLines() throws {
        let chart = LogLogLineChart(ChartLabels(title: "t", xTitle: "x (u)", yTitle: "y (u)"),
                                    series: [LineSeries(name: "s", points: [(x: 0, y: 0)], colour: "#000000")])
        let probe = try #require(SVGProbe.parse(chart.render()))
        #expect(probe.count("polyline") == 0)
        #expect(probe.texts.contains("s"))
    }
}
