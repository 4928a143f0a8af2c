// BenchResults+Selection.swift: the cells a table or chart shows, and display names.

extension BenchResults {
    /// The scale of the headline tables and bar charts: the largest measured.
    public var headlineScale: Double { options.scales.max() ?? 0 }
    /// The thread count of the headline: the largest measured.
    public var headlineThreads: Int { options.threads.max() ?? 1 }
    /// The strategy every ratio is relative to: the first algorithm and key format (md5-binary by default).
    public var baselineStrategy: String {
        "\(options.algorithms.first ?? "md5")-\(options.keyFormats.first ?? "binary")"
    }

    /// Strategies in matrix order (algorithm, then key format).
    public var strategies: [String] {
        options.algorithms.flatMap { a in options.keyFormats.map { "\(a)-\($0)" } }
    }

    /// The cell of `strategy` at `scale` and `threads`, if measured.
    public func cell(_ strategy: String, scale: Double, threads: Int) -> BenchCell? {
        cells.first { $0.strategy == strategy && $0.scale == scale && $0.threads == threads }
    }

    /// The cells of the headline scale and thread count, in strategy order.
    public var headlineCells: [BenchCell] {
        strategies.compactMap { cell($0, scale: headlineScale, threads: headlineThreads) }
    }

    /// A stage's name for people (`stage` is staging with every hash computed).
    public static func displayName(ofStage stage: String) -> String {
        switch stage {
        case "stage": return "stage+hash"
        case "snapshot_save": return "snapshot save"
        case "pit": return "PIT"
        default: return stage
        }
    }

    /// A scale as written on the command line (`0.5`, `10`).
    public static func scaleText(_ scale: Double) -> String {
        scale == scale.rounded() && abs(scale) < 1e15 ? String(Int(scale)) : String(scale)
    }
}
