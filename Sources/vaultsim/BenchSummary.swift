// BenchSummary.swift: the headline of a benchmark report as a text table on standard output.

import VaultReport

enum BenchSummary {
    /// One line per strategy at the headline scale and thread count, relative to the baseline strategy.
    static func headline(_ results: BenchResults) -> String {
        let cells = results.headlineCells
        guard let base = cells.first(where: { $0.strategy == results.baselineStrategy }) ?? cells.first else {
            return ""
        }
        var rows = [
            ["strategy", "total s", "rows/s", "peak MB", "tables MB", "disk MB", "time x", "memory x", "disk x"]
        ]
        func ratio(_ a: Double, _ b: Double) -> String { b > 0 ? ChartStyle.fixed(a / b, decimals: 2) : "-" }
        for c in cells {
            rows.append([
                c.strategy, ChartStyle.fixed(c.total.seconds.median, decimals: 3),
                ChartStyle.compact(c.total.rowsPerSecond),
                ChartStyle.fixed(c.peakResidentBytes.median / 1e6, decimals: 1),
                ChartStyle.fixed(Double(c.memoryBytes) / 1e6, decimals: 1),
                ChartStyle.fixed(Double(c.diskBytes) / 1e6, decimals: 1),
                ratio(c.total.seconds.median, base.total.seconds.median),
                ratio(Double(c.memoryBytes), Double(base.memoryBytes)),
                ratio(Double(c.diskBytes), Double(base.diskBytes)),
            ])
        }
        var lines = [
            "scale \(BenchResults.scaleText(results.headlineScale)), \(results.headlineThreads) thread(s), "
                + "median of \(results.options.repeat) run(s); ratios against \(base.strategy):",
            TextTable.render(rows, rightAligned: Set(1...8)),
        ]
        for p in results.peers {
            lines.append(
                "peer \(p.engine) (\(p.algorithm), scale \(BenchResults.scaleText(p.scale))): "
                    + "\(ChartStyle.fixed(p.seconds, decimals: 3)) s, \(ChartStyle.fixed(p.ratio, decimals: 1))x vaultsim's "
                    + "\(ChartStyle.fixed(p.vaultsimSeconds, decimals: 3)) s; outputs "
                    + (p.differences.isEmpty ? "identical" : "DIFFER (\(p.differences.count)): see report.md"))
        }
        return lines.joined(separator: "\n")
    }
}
