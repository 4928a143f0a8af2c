// BenchResults+CSV.swift: results.csv, one row per cell and stage.

extension BenchResults {
    /// The columns of `results.csv`, in order.
    public static let csvColumns = [
        "strategy", "algorithm", "key_format", "scale", "threads", "stage", "rows", "median_seconds", "min_seconds",
        "max_seconds", "rows_per_second", "peak_resident_bytes", "memory_bytes", "disk_bytes", "runs",
    ]

    /// `results.csv`: for every cell, one row per stage then a `total` row. `peak_resident_bytes` is
    /// the stage's (median over runs); `memory_bytes` and `disk_bytes` are the cell's, on every row.
    public func csv() -> String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for cell in cells {
            for stage in cell.stages + [cell.total] {
                let fields: [String] = [
                    cell.strategy, cell.algorithm, cell.keyFormat, Self.scaleText(cell.scale), String(cell.threads),
                    stage.name, String(stage.rows), ChartStyle.fixed(stage.seconds.median, decimals: 6),
                    ChartStyle.fixed(stage.seconds.min, decimals: 6), ChartStyle.fixed(stage.seconds.max, decimals: 6),
                    ChartStyle.fixed(stage.rowsPerSecond, decimals: 1),
                    ChartStyle.fixed(stage.peakResidentBytes, decimals: 0),
                    String(cell.memoryBytes), String(cell.diskBytes), String(cell.runs.count),
                ]
                lines.append(fields.map(Self.csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field quoted per RFC 4180 when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
