// BenchMatrix.swift: the cells of a benchmark matrix and how each is run.

import ArgumentParser
import VaultHashing
import VaultReport

/// Algorithms x key formats x scales x thread counts, and the run settings shared by every cell.
struct BenchMatrix {
    /// One cell: a hash strategy at a scale and thread count.
    struct Cell: Equatable {
        var algorithm: HashAlgorithm
        var keyFormat: KeyFormat
        var scale: Double
        var threads: Int

        var label: String {
            "\(algorithm.rawValue)-\(keyFormat.rawValue) scale \(BenchResults.scaleText(scale)) threads \(threads)"
        }
    }

    var preset: String
    var scales: [Double]
    var algorithms: [HashAlgorithm]
    var keyFormats: [KeyFormat]
    var threads: [Int]
    var repeats: Int
    var warmups: Int
    var days: Int
    var seed: UInt64
    var profile: HashProfile
    var level: Int

    /// Every cell, smallest scale first; within a scale, thread counts, then algorithms and formats.
    var cells: [Cell] {
        scales.flatMap { scale in
            threads.flatMap { t in
                algorithms.flatMap { a in keyFormats.map { Cell(algorithm: a, keyFormat: $0, scale: scale, threads: t) }
                }
            }
        }
    }

    var options: BenchOptions {
        BenchOptions(
            preset: preset, scales: scales, algorithms: algorithms.map(\.rawValue),
            keyFormats: keyFormats.map(\.rawValue),
            threads: threads, days: days, seed: seed, profile: profile.rawValue, repeat: repeats, warmup: warmups,
            level: level)
    }

    /// The `vaultsim bench cell` arguments that run `cell` once with its snapshot under `work`.
    func arguments(_ cell: Cell, work: String) -> [String] {
        [
            "bench", "cell", "--scale", "\(cell.scale)", "--days", "\(days)", "--seed", "\(seed)",
            "--hash", cell.algorithm.rawValue, "--key-format", cell.keyFormat.rawValue, "--profile", profile.rawValue,
            "--threads", "\(cell.threads)", "--level", "\(level)", "--work", work,
        ]
    }

    /// Parses a comma-separated list, each item with `parse`; duplicates are dropped, order kept.
    static func parseList<T: Equatable>(
        _ text: String, option: String, as what: String, _ parse: (String) -> T?
    ) throws -> [T] {
        var out = [T]()
        for item in text.split(separator: ",") {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard let value = parse(trimmed) else { throw ValidationError("\(option): '\(trimmed)' is not \(what).") }
            if !out.contains(value) { out.append(value) }
        }
        return out
    }
}
