// BenchRunner.swift: running matrix cells, each run in a child vaultsim process.

import Foundation
import VaultHashing
import VaultReport

/// Runs cells of a matrix: each run is `vaultsim bench cell` in a fresh process whose JSON is read back.
///
/// Why a process per run: the peak resident memory of a process only grows, so runs sharing one
/// process would report the largest earlier run's peak. The child reports its own high-water mark
/// (VmHWM, the figure `getrusage` gives as `ru_maxrss`); the parent cannot use
/// `getrusage(RUSAGE_CHILDREN)`, which is the maximum over all children waited for so far.
final class BenchRunner {
    let matrix: BenchMatrix
    let executable: String
    /// Snapshots of the runs go here (beside the report folder, removed at the end).
    let work: String
    private let started = SystemInfo.now()

    init(matrix: BenchMatrix, out: String) throws {
        self.matrix = matrix
        executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let target = URL(fileURLWithPath: out).standardizedFileURL
        work =
            target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).work-\(getpid())")
            .path
        do { try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true) } catch {
            throw CommandFailure(
                "--out \(out): cannot create the working folder \(work): \(error.localizedDescription)")
        }
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: work) }

    var elapsed: String { SystemInfo.format(SystemInfo.now() - started) }

    /// Every cell of the matrix, in order, with progress on standard error.
    func runMatrix() throws -> [BenchCell] {
        let cells = matrix.cells
        return try cells.enumerated().map { i, cell in try measure(cell, position: "cell \(i + 1)/\(cells.count)") }
    }

    /// Runs `cell` (warm-ups, then measured runs) and summarises it.
    func measure(_ cell: BenchMatrix.Cell, position: String) throws -> BenchCell {
        let total = matrix.warmups + matrix.repeats
        var runs = [BenchRun]()
        for k in 0..<total {
            let what =
                k < matrix.warmups
                ? "warm-up \(k + 1)/\(matrix.warmups)" : "run \(k - matrix.warmups + 1)/\(matrix.repeats)"
            Diagnostics.progress("bench: \(position) \(cell.label): \(what) (elapsed \(elapsed) s)")
            let run = try runOnce(cell)
            if k >= matrix.warmups { runs.append(run) }
        }
        if let first = runs.first, let other = runs.first(where: { $0.tables.map(\.rows) != first.tables.map(\.rows) })
        {
            throw CommandFailure(
                "\(cell.label): runs loaded different row counts (\(first.tables.map(\.rows)) and "
                    + "\(other.tables.map(\.rows))); the load is not deterministic")
        }
        return BenchCell(
            algorithm: cell.algorithm.rawValue, keyFormat: cell.keyFormat.rawValue, scale: cell.scale,
            threads: cell.threads, runs: runs, stageNames: BenchStages.names)
    }

    /// One run of `cell` in a child process.
    func runOnce(_ cell: BenchMatrix.Cell) throws -> BenchRun {
        try ChildProcess.runJSON(executable, matrix.arguments(cell, work: work), as: BenchRun.self, context: cell.label)
    }
}

/// The machine facts of a report.
enum BenchMachineFacts {
    static func current() -> BenchMachine {
        let m = MachineInfo.current()
        let kernels =
            [HashAlgorithm.md5, .sha1, .sha256].map { "\($0.rawValue)=\(HashKernels.selected(for: $0).rawValue)" }
            + ["xxh3=inline"]
        return BenchMachine(
            cpuModel: m.cpuModel, cpuFlags: m.cpuFlags, cores: m.cores, memoryBytes: m.memoryBytes, os: m.os,
            swiftVersion: m.swiftVersion, kernels: kernels)
    }
}
