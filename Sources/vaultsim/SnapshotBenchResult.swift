// SnapshotBenchResult.swift: what `vaultsim snapshot bench` measured, as a table or JSON.

import Foundation

/// The median of some values (the mean of the two middle ones for an even count); 0 when empty.
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The JSON document of `snapshot bench --json` (and the source of its table).
struct SnapshotBenchResult: Codable {
    /// One timed operation (save or restore) over the repeats.
    struct Operation: Codable {
        /// Wall-clock seconds of each repeat, in order.
        var seconds: [Double]
        var medianSeconds: Double
        /// CPU seconds (user + system, all threads) of each repeat, and their median.
        var cpuSeconds: [Double]
        var medianCPUSeconds: Double
        /// Raw column bytes per second over the median time, in GB/s (10^9 bytes).
        var gigabytesPerSecond: Double
        /// Median seconds of each phase, in the order the phases run.
        var phases: [Phase]

        init(seconds: [Double], cpuSeconds: [Double], rawBytes: Int, phases: [(String, [Double])]) {
            self.seconds = seconds
            medianSeconds = median(seconds)
            self.cpuSeconds = cpuSeconds
            medianCPUSeconds = median(cpuSeconds)
            gigabytesPerSecond = medianSeconds > 0 ? Double(rawBytes) / medianSeconds / 1e9 : 0
            self.phases = phases.map { Phase(name: $0.0, medianSeconds: median($0.1)) }
        }
    }

    struct Phase: Codable {
        var name: String
        var medianSeconds: Double
    }

    var machine: MachineInfo
    var scale: Double
    var days: Int
    var hashStrategy: String
    var level: Int
    var threads: Int
    var repeats: Int
    var tables: Int
    /// Bytes of the saved tables' column buffers.
    var rawBytes: Int
    /// Bytes of all files of one snapshot.
    var diskBytes: Int
    var save: Operation
    var restore: Operation

    func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A plain-text report: sizes, then one row per operation with its phases.
    func text() -> String {
        func ms(_ s: Double) -> String { SystemInfo.format(s * 1000) }
        var out = "snapshot bench: scale \(scale), \(days) days, \(hashStrategy), zstd level \(level), \(threads) threads, "
            + "median of \(repeats)\n"
        out += "\(tables) tables, \(rawBytes) raw column bytes, \(diskBytes) bytes on disk (ratio "
            + "\(SystemInfo.format(Double(rawBytes) / Double(max(diskBytes, 1)))))\n"
        var rows = [["operation", "median ms", "GB/s", "CPU ms", "phases (median ms)"]]
        for (name, op) in [("save", save), ("restore", restore)] {
            rows.append([name, ms(op.medianSeconds), SystemInfo.format(op.gigabytesPerSecond), ms(op.medianCPUSeconds),
                         op.phases.map { "\($0.name) \(ms($0.medianSeconds))" }.joined(separator: ", ")])
        }
        return out + TextTable.render(rows, rightAligned: [1, 2, 3])
    }
}
