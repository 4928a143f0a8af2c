// BenchResults+Markdown.swift: report.md, the tables people read, with the charts embedded.

extension BenchResults {
    static func seconds(_ s: Double) -> String { ChartStyle.fixed(s, decimals: s < 10 ? 3 : 2) }
    static func megabytes(_ bytes: Double) -> String { ChartStyle.fixed(bytes / 1e6, decimals: bytes < 1e8 ? 2 : 1) }
    static func ratio(_ value: Double, _ base: Double) -> String {
        base > 0 && value.isFinite ? ChartStyle.fixed(value / base, decimals: 2) + "×" : "-"
    }

    /// `report.md`: machine and command, headline table, per-stage and scaling tables, sizes, peers, charts.
    public func markdown(charts: [ReportChart]) -> String {
        var out = ["# vaultsim benchmark report", ""]
        out.append("Command: `\(commandLine.joined(separator: " "))`  ")
        out.append(
            "vaultsim \(vaultsimVersion), started \(startedAt), \(ChartStyle.fixed(elapsedSeconds, decimals: 0)) s in all."
        )
        out.append("")
        let m = machine
        let gibibytes = ChartStyle.fixed(Double(m.memoryBytes) / 1_073_741_824, decimals: 1)
        out.append(
            "Machine: \(m.cpuModel), \(m.cores) cores, \(gibibytes) GiB; "
                + "CPU flags \(m.cpuFlags.joined(separator: " ")); kernels \(m.kernels.joined(separator: " ")); "
                + "\(m.os); Swift \(m.swiftVersion).")
        out.append("")
        let o = options
        out.append(
            "Matrix (preset `\(o.preset)`): algorithms \(o.algorithms.joined(separator: ", ")); key formats "
                + "\(o.keyFormats.joined(separator: ", ")); scales \(o.scales.map(Self.scaleText).joined(separator: ", ")); "
                + "threads \(o.threads.map(String.init).joined(separator: ", ")); \(o.days) days, seed \(o.seed), profile "
                + "\(o.profile); \(o.repeat) measured run(s) per cell after \(o.warmup) warm-up run(s), each run in a fresh "
                + "process; snapshot zstd level \(o.level).")
        out.append("")
        out += headline(charts: charts)
        out += stageTable()
        out += scalingTable(charts: charts)
        out += sizeTables(charts: charts)
        out += peerTable()
        out.append("## Method")
        out.append("")
        out.append(
            "Stage times are the per-batch times `vaultsim load` prints (generate, stage+hash, hubs, links, "
                + "satellites, audits), summed over the batches, then the snapshot save and the restore (reading the "
                + "snapshot and rebuilding the indexes). Rows per second: source rows for the loading stages, saved "
                + "rows for the snapshot stages, source rows over the sum of all stages for the total. Peak resident "
                + "memory is the process's high-water mark (VmHWM); each run is its own process. Full data: "
                + "`results.json` (schema in docs/BENCH-REPORT.md) and `results.csv`.")
        out.append("")
        return out.joined(separator: "\n")
    }

    private func headline(charts: [ReportChart]) -> [String] {
        let cells = headlineCells
        guard !cells.isEmpty else { return [] }
        let base = cells.first { $0.strategy == baselineStrategy } ?? cells[0]
        var table = MarkdownTable(
            [
                "strategy", "total s (median)", "min–max s", "source rows/s", "peak resident MB",
                "tables MB", "disk MB", "time vs \(base.strategy)", "memory vs", "disk vs",
            ],
            rightAligned: Set(1...9))
        for c in cells {
            table.add([
                c.strategy, Self.seconds(c.total.seconds.median),
                "\(Self.seconds(c.total.seconds.min))–\(Self.seconds(c.total.seconds.max))",
                ChartStyle.compact(c.total.rowsPerSecond), Self.megabytes(c.peakResidentBytes.median),
                Self.megabytes(Double(c.memoryBytes)), Self.megabytes(Double(c.diskBytes)),
                Self.ratio(c.total.seconds.median, base.total.seconds.median),
                Self.ratio(Double(c.memoryBytes), Double(base.memoryBytes)),
                Self.ratio(Double(c.diskBytes), Double(base.diskBytes)),
            ])
        }
        var out = [
            "## Headline: scale \(Self.scaleText(headlineScale)), \(headlineThreads) thread(s)", "",
            "\(base.sourceRows.formatted) source rows, \(base.vaultRows.formatted) rows saved. Memory ratio: "
                + "tables and indexes in memory.", "", table.render(), "",
        ]
        if let chart = charts.first(where: { $0.file == "stages-t\(headlineThreads).svg" }) {
            out += ["![\(chart.caption)](charts/\(chart.file))", ""]
        }
        return out
    }

    private func stageTable() -> [String] {
        var out = ["## Time per stage (median seconds), scale \(Self.scaleText(headlineScale))", ""]
        var table = MarkdownTable(
            ["strategy", "threads"] + stages.map(Self.displayName(ofStage:)) + ["total"],
            rightAligned: Set(1...(stages.count + 2)))
        for threads in options.threads {
            for strategy in strategies {
                guard let c = cell(strategy, scale: headlineScale, threads: threads) else { continue }
                table.add(
                    [strategy, String(threads)] + c.stages.map { Self.seconds($0.seconds.median) }
                        + [Self.seconds(c.total.seconds.median)])
            }
        }
        out += [table.render(), ""]
        return out
    }

    private func scalingTable(charts: [ReportChart]) -> [String] {
        guard options.scales.count > 1 else { return [] }
        var out = ["## Throughput against scale (source rows/s over all stages, median)", ""]
        var table = MarkdownTable(
            ["strategy", "threads"] + options.scales.map { "scale \(Self.scaleText($0))" },
            rightAligned: Set(1...(options.scales.count + 1)))
        for threads in options.threads {
            for strategy in strategies {
                table.add(
                    [strategy, String(threads)]
                        + options.scales.map { scale in
                            cell(strategy, scale: scale, threads: threads).map {
                                ChartStyle.compact($0.total.rowsPerSecond)
                            } ?? "-"
                        })
            }
        }
        out += [table.render(), ""]
        for chart in charts where chart.file.hasPrefix("throughput-") {
            out += ["![\(chart.caption)](charts/\(chart.file))", ""]
        }
        return out
    }

    private func sizeTables(charts: [ReportChart]) -> [String] {
        let cells = headlineCells
        guard let first = cells.first else { return [] }
        var out = ["## Bytes per table, scale \(Self.scaleText(headlineScale)) (MB)", ""]
        for (title, bytes) in [
            ("in memory (table and index)", \TableSize.memoryBytes), ("on disk (snapshot)", \TableSize.diskBytes),
        ] {
            var table = MarkdownTable(
                ["table", "rows"] + cells.map(\.strategy), rightAligned: Set(1...(cells.count + 1)))
            for (k, t) in first.tables.enumerated() {
                table.add(
                    [t.name, t.rows.formatted]
                        + cells.map { c in
                            c.tables.indices.contains(k) ? Self.megabytes(Double(c.tables[k][keyPath: bytes])) : "-"
                        })
            }
            table.add(
                ["**all**", first.vaultRows.formatted]
                    + cells.map { c in
                        Self.megabytes(Double(c.tables.reduce(0) { $0 + $1[keyPath: bytes] }))
                    })
            out += ["Bytes \(title):", "", table.render(), ""]
        }
        if let chart = charts.first(where: { $0.file == "memory-disk.svg" }) {
            out += ["![\(chart.caption)](charts/\(chart.file))", ""]
        }
        return out
    }

    private func peerTable() -> [String] {
        guard !peers.isEmpty else { return [] }
        var table = MarkdownTable(
            ["engine", "algorithm", "scale", "peer s", "vaultsim s", "peer / vaultsim", "covers", "outputs"],
            rightAligned: [2, 3, 4, 5])
        for p in peers {
            table.add([
                p.engine, p.algorithm, Self.scaleText(p.scale), Self.seconds(p.seconds),
                Self.seconds(p.vaultsimSeconds),
                ChartStyle.fixed(p.ratio, decimals: 1) + "×", p.covers,
                p.differences.isEmpty ? "identical (\(p.tables.count) tables)" : "**\(p.differences.count) differ**",
            ])
        }
        var out = ["## Peers on the same data", "", table.render(), ""]
        for p in peers where !p.differences.isEmpty {
            out.append("Differences, \(p.engine) \(p.algorithm):")
            out.append("")
            out += p.differences.map { "- \($0)" }
            out.append("")
        }
        return out
    }
}
