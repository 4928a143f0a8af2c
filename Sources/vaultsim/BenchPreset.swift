// BenchPreset.swift: named sizes of the benchmark matrix.

import ArgumentParser

/// A named matrix size: scales, measured runs and warm-up runs per cell. Every preset but `smoke`
/// measures all four algorithms in both key formats on 1 and 2 threads unless options narrow it.
enum BenchPreset: String, CaseIterable, ExpressibleByArgument {
    /// Scales 0.1 and 0.3, md5 and xxh3, one run per cell: a few seconds, for scripts/check-bench.
    case smoke
    /// Scales 0.2 and 1, three runs per cell after one warm-up: under a minute on 2 idle cores.
    case quick
    /// Scales 1, 10 and 100, three runs per cell: about 10 minutes on 2 cores, 2 GB of memory.
    case standard
    /// Scales 1, 10, 100 and 300, five runs per cell: about 1 hour on 2 cores, 6 GB of memory.
    case full

    var scales: [Double] {
        switch self {
        case .smoke: return [0.1, 0.3]
        case .quick: return [0.2, 1]
        case .standard: return [1, 10, 100]
        case .full: return [1, 10, 100, 300]
        }
    }

    var algorithms: [String] { self == .smoke ? ["md5", "xxh3"] : ["md5", "sha1", "sha256", "xxh3"] }

    var repeats: Int {
        switch self {
        case .smoke: return 1
        case .quick, .standard: return 3
        case .full: return 5
        }
    }

    var warmups: Int { self == .smoke ? 0 : 1 }
}
