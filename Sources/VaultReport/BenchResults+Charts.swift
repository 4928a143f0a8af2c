// BenchResults+Charts.swift: the report's charts, built from the results.

/// One chart of a report: its file name under `charts/`, what it shows, and the SVG text.
public struct ReportChart: Sendable {
    public var file: String
    public var caption: String
    public var svg: String
}

extension BenchResults {
    /// Palette index per algorithm (blue, orange, bluish green, vermillion) so a colour means one algorithm everywhere.
    static let algorithmColours = ["md5": 4, "sha1": 1, "sha256": 3, "xxh3": 6]

    /// A category label on two lines: `md5\nbinary`.
    static func strategyLabel(_ strategy: String) -> String {
        strategy.split(separator: "-", maxSplits: 1).joined(separator: "\n")
    }

    /// Every chart: stage times and throughput per thread count, memory and disk at the headline cell.
    public func charts() -> [ReportChart] {
        var charts = [ReportChart]()
        let scaleText = Self.scaleText(headlineScale)
        for threads in options.threads {
            let cells = strategies.compactMap { cell($0, scale: headlineScale, threads: threads) }
            guard !cells.isEmpty else { continue }
            let stacked = StackedBarChart(
                ChartLabels(
                    title: "Time per stage, scale \(scaleText), \(threads) thread\(threads == 1 ? "" : "s")",
                    subtitle:
                        "each stage: median of \(options.repeat) run\(options.repeat == 1 ? "" : "s") (label: their sum), "
                        + "\(options.days) daily batches, \(cells[0].sourceRows.formatted) source rows",
                    xTitle: "hash strategy (algorithm, key format)", yTitle: "wall time (seconds)"),
                categories: cells.map { Self.strategyLabel($0.strategy) },
                series: stages.map { stage in
                    BarSeries(
                        name: Self.displayName(ofStage: stage),
                        values: cells.map { $0.stage(stage)?.seconds.median ?? 0 })
                },
                valueFormat: { ChartStyle.trimmed($0) + " s" })
            charts.append(
                ReportChart(
                    file: "stages-t\(threads).svg",
                    caption: "Time per stage per strategy at scale \(scaleText), \(threads) thread(s)",
                    svg: stacked.render()))
            if options.scales.count > 1 {
                charts.append(
                    ReportChart(
                        file: "throughput-t\(threads).svg",
                        caption: "Throughput against scale, \(threads) thread(s)",
                        svg: throughputChart(threads: threads).render()))
            }
        }
        let cells = headlineCells
        if !cells.isEmpty {
            let megabytes: (Int) -> Double = { Double($0) / 1e6 }
            let grouped = GroupedBarChart(
                ChartLabels(
                    title:
                        "Memory and disk, scale \(scaleText), \(headlineThreads) thread\(headlineThreads == 1 ? "" : "s")",
                    subtitle: "peak resident: whole process (median); tables: vault tables and indexes after "
                        + "loading; disk: snapshot, zstd level \(options.level)",
                    xTitle: "hash strategy (algorithm, key format)", yTitle: "megabytes (MB, 10^6 bytes)"),
                categories: cells.map { Self.strategyLabel($0.strategy) },
                series: [
                    BarSeries(name: "peak resident", values: cells.map { $0.peakResidentBytes.median / 1e6 }),
                    BarSeries(name: "tables in memory", values: cells.map { megabytes($0.memoryBytes) }),
                    BarSeries(name: "snapshot on disk", values: cells.map { megabytes($0.diskBytes) }),
                ],
                colours: [4, 2, 1],
                valueFormat: { ChartStyle.trimmed($0) + " MB" })
            charts.append(
                ReportChart(
                    file: "memory-disk.svg",
                    caption: "Peak memory, table bytes and snapshot bytes per strategy at scale \(scaleText)",
                    svg: grouped.render()))
        }
        return charts
    }

    /// Source rows per second of the whole pipeline against scale, one line per strategy.
    func throughputChart(threads: Int) -> LogLogLineChart {
        let series = strategies.map { strategy -> LineSeries in
            let parts = strategy.split(separator: "-", maxSplits: 1).map(String.init)
            let hex = parts.count > 1 && parts[1] == "hex"
            let points = options.scales.compactMap { scale -> (x: Double, y: Double)? in
                guard let c = cell(strategy, scale: scale, threads: threads), c.total.rowsPerSecond > 0 else {
                    return nil
                }
                return (x: scale, y: c.total.rowsPerSecond)
            }
            return LineSeries(
                name: strategy, points: points,
                colour: ChartStyle.colour(Self.algorithmColours[parts[0]] ?? 0),
                dash: hex ? "7 4" : nil, marker: hex ? .square : .circle)
        }
        return LogLogLineChart(
            ChartLabels(
                title: "Throughput against scale, \(threads) thread\(threads == 1 ? "" : "s")",
                subtitle: "source rows per second over all stages (generate to restore), median; "
                    + "flat = cost grows linearly",
                xTitle: "scale (1 = 1,000 customers, ~10,000 sales lines a week; log)",
                yTitle: "source rows per second (log)"),
            series: series, legendHeading: "strategy")
    }
}

extension Int {
    /// The number with thousands separators (`1,356,345`).
    var formatted: String {
        let digits = String(abs(self))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}
