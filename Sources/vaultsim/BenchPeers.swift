// BenchPeers.swift: the peers (DuckDB SQL, row-by-row pandas) on the same data, as ratios to vaultsim.

import ArgumentParser
import Foundation
import VaultHashing
import VaultReport

/// `--peers --peer-scale --pandas-scale --peer-scripts`.
struct BenchPeerOptions: ParsableArguments {
    @Flag(
        help: """
            Also run scripts/peer-duckdb and scripts/peer-pandas on the same data; the report gives their times \
            as ratios to vaultsim's and says where their outputs differ.
            """)
    var peers = false

    @Option(help: "Scale of the DuckDB peer (default: the largest scale of the matrix up to 10).")
    var peerScale: Double?

    @Option(help: "Scale of the pandas peer, which works row by row.")
    var pandasScale: Double = 0.1

    @Option(
        help: """
            Folder holding peer-duckdb and peer-pandas (default: scripts/ of the working folder or of the \
            source tree the binary was built in).
            """)
    var peerScripts: String?

    var enabled: Bool { peers }

    func validate(matrix: BenchMatrix) throws {
        for (name, value) in [("--peer-scale", peerScale), ("--pandas-scale", pandasScale)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("\(name) must be a positive number.") }
        }
        if peers && !matrix.algorithms.contains(where: { $0 != .xxh3 }) {
            throw ValidationError("--peers needs md5, sha1 or sha256 in --algorithms (the peers have no xxh3).")
        }
    }
}

/// Runs each peer script and the matching vaultsim cell, and pairs their times.
struct BenchPeers {
    let options: BenchPeerOptions
    let matrix: BenchMatrix
    let runner: BenchRunner

    /// What a peer script prints as JSON.
    struct Report: Decodable {
        var engine: String
        var seconds: Double
        var covers: String
        var tables: [PeerTable]
        var differences: [String]
    }

    /// The stages a peer's time covers: staging with hashing, hubs, links and satellites (no generation, no audits).
    static let comparedStages = ["stage", "hubs", "links", "satellites"]

    func run(cells: [BenchCell]) throws -> [PeerResult] {
        let scripts = try scriptsFolder()
        let algorithm = matrix.algorithms.first { $0 != .xxh3 } ?? .md5
        let threads = matrix.threads.max() ?? 1
        var results = [PeerResult]()
        let duckdbScale = options.peerScale ?? matrix.scales.filter { $0 <= 10 }.max() ?? matrix.scales.min() ?? 1
        let engines = [("peer-duckdb", duckdbScale), ("peer-pandas", options.pandasScale)]
        for (script, scale) in engines {
            let cell = BenchMatrix.Cell(algorithm: algorithm, keyFormat: .binary, scale: scale, threads: threads)
            let ours =
                try cells.first {
                    $0.algorithm == algorithm.rawValue && $0.keyFormat == "binary" && $0.scale == scale
                        && $0.threads == threads
                } ?? runner.measure(cell, position: "peer cell")
            let vaultsimSeconds = Self.comparedStages.reduce(0) { $0 + (ours.stage($1)?.seconds.median ?? 0) }
            Diagnostics.progress(
                "bench: \(script) at scale \(BenchResults.scaleText(scale)) (elapsed \(runner.elapsed) s)")
            let report = try runPeer(scripts + "/" + script, scale: scale, algorithm: algorithm, threads: threads)
            results.append(
                PeerResult(
                    engine: report.engine, algorithm: algorithm.rawValue, scale: scale, days: matrix.days,
                    seconds: report.seconds, vaultsimSeconds: vaultsimSeconds, covers: report.covers,
                    tables: report.tables, differences: report.differences))
        }
        return results
    }

    /// The folder holding the peer scripts.
    func scriptsFolder() throws -> String {
        var candidates = [options.peerScripts].compactMap { $0 }
        if options.peerScripts == nil {
            candidates.append(FileManager.default.currentDirectoryPath + "/scripts")
            var folder = URL(fileURLWithPath: runner.executable).deletingLastPathComponent()
            for _ in 0..<4 {
                folder = folder.deletingLastPathComponent()
                candidates.append(folder.appendingPathComponent("scripts").path)
            }
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0 + "/peer-duckdb") })
        else {
            throw CommandFailure(
                "--peers: no peer-duckdb script in \(candidates.joined(separator: ", ")); give the folder with --peer-scripts"
            )
        }
        return found
    }

    private func runPeer(_ path: String, scale: Double, algorithm: HashAlgorithm, threads: Int) throws -> Report {
        try ChildProcess.runJSON(
            path,
            [
                runner.executable, "--scale", "\(scale)", "--days", "\(matrix.days)",
                "--seed", "\(matrix.seed)", "--hash", algorithm.rawValue, "--threads", "\(threads)",
                "--json",
            ],
            as: Report.self, context: "--peers")
    }
}
