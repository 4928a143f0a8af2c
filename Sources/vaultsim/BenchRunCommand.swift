// BenchRunCommand.swift: `vaultsim bench [run]`, the matrix of hash strategies, scales and threads.

import ArgumentParser
import Foundation
import VaultHashing
import VaultReport

struct BenchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure every stage for each algorithm, key format, scale and thread count; write a report folder.",
        discussion: HelpText.reflow("""
            Each cell (algorithm x key format x scale x threads) runs --warmup
            unmeasured times, then --repeat measured times, each run in a fresh
            vaultsim process so that its peak memory is its own. Stages: generate,
            stage+hash, hubs, links, satellites, audits (batch by batch, as
            `vaultsim load` times them), snapshot save, restore.

            The report folder (--out) gets results.json, results.csv, report.md
            and charts/*.svg; it is written beside, then renamed into place.

            Presets: smoke (seconds), quick (under a minute on 2 idle cores),
            standard (about 10 minutes), full (about an hour). Options after
            --preset override its values.

            Examples:
              vaultsim bench --quick
              vaultsim bench --scales 1,10 --algorithms md5,xxh3 \\
                  --key-formats binary --threads-list 2 --out /tmp/r
              vaultsim bench --quick --peers
            """)
    )

    @Option(help: "Matrix size: smoke, quick, standard or full.")
    var preset: BenchPreset = .standard

    @Flag(help: "Same as --preset quick.")
    var quick = false

    @Option(help: "Comma-separated scales (default: the preset's).")
    var scales: String?

    @Option(help: "Comma-separated algorithms: md5, sha1, sha256, xxh3 (default: the preset's).")
    var algorithms: String?

    @Option(help: "Comma-separated key formats: binary, hex.")
    var keyFormats: String = "binary,hex"

    @Option(help: "Comma-separated thread counts.")
    var threadsList: String = "1,2"

    @Option(name: .customLong("repeat"), help: "Measured runs per cell (default: the preset's).")
    var repeats: Int?

    @Option(help: "Unmeasured runs before each cell's measured runs (default: the preset's).")
    var warmup: Int?

    @Option(help: "Daily batches per run.")
    var days: Int = 7

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(help: "Hash profile: automatedv or datavault4dbt.")
    var profile: HashProfile = .automatedv

    @Option(help: "zstd level of the snapshot stage (1-19).")
    var level: Int = 3

    @Option(help: "Report folder (replaces only a report vaultsim wrote; see --force).")
    var out: String = "report"

    @OptionGroup var force: ForceOption

    @OptionGroup var peerOptions: BenchPeerOptions

    func validate() throws {
        let matrix = try matrix()
        guard !matrix.scales.isEmpty, !matrix.algorithms.isEmpty, !matrix.keyFormats.isEmpty, !matrix.threads.isEmpty
        else {
            throw ValidationError(
                "--scales, --algorithms, --key-formats and --threads-list must each name at least one value.")
        }
        guard (1...1000).contains(matrix.repeats) else { throw ValidationError("--repeat must be between 1 and 1000.") }
        guard (0...100).contains(matrix.warmups) else { throw ValidationError("--warmup must be between 0 and 100.") }
        guard days >= 1 else { throw ValidationError("--days must be at least 1 (got \(days)).") }
        guard (1...19).contains(level) else {
            throw ValidationError("--level must be between 1 and 19 (got \(level)).")
        }
        try peerOptions.validate(matrix: matrix)
        _ = try Outputs.path(out, option: "--out")
        // The largest cell must fit in memory, as `vaultsim load` checks it.
        let largest = try GenerationOptions.parse(["--scale", "\(matrix.scales.max() ?? 1)", "--days", "\(days)"])
        do { try largest.validate(bytesPerSourceByte: 1.5) } catch let error as ValidationError {
            throw ValidationError("--scales: the largest cell does not fit: \(error.message)")
        }
    }

    /// The matrix the options describe.
    func matrix() throws -> BenchMatrix {
        let chosen = quick ? BenchPreset.quick : preset
        return BenchMatrix(
            preset: chosen.rawValue,
            scales: try scales.map {
                try BenchMatrix.parseList($0, option: "--scales", as: "a positive scale") {
                    Double($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
                }
            } ?? chosen.scales,
            algorithms: try BenchMatrix.parseList(
                algorithms ?? chosen.algorithms.joined(separator: ","), option: "--algorithms",
                as: "an algorithm (md5, sha1, sha256, xxh3)"
            ) { HashAlgorithm(name: $0) },
            keyFormats: try BenchMatrix.parseList(keyFormats, option: "--key-formats", as: "a key format (binary, hex)") {
                KeyFormat(rawValue: $0)
            },
            threads: try BenchMatrix.parseList(threadsList, option: "--threads-list", as: "a thread count (1-1024)") {
                Int($0).flatMap { (1...1024).contains($0) ? $0 : nil }
            },
            repeats: repeats ?? chosen.repeats, warmups: warmup ?? chosen.warmups,
            days: days, seed: seed, profile: profile, level: level)
    }

    func run() throws {
        let matrix = try matrix()
        try Outputs.checkFolder(out, option: "--out", kind: .benchReport, force: force.force)
        let runner = try BenchRunner(matrix: matrix, out: out)
        let interrupt = InterruptCleanup(removing: runner.work)
        defer {
            interrupt.cancel()
            runner.cleanUp()
        }
        let started = Date()
        let clock = SystemInfo.now()
        let cells = try runner.runMatrix()
        let peers =
            try peerOptions.enabled
            ? BenchPeers(options: peerOptions, matrix: matrix, runner: runner).run(cells: cells) : []
        let results = BenchResults(
            vaultsimVersion: VaultSimVersion.string, commandLine: CommandLine.arguments,
            startedAt: ISO8601DateFormatter().string(from: started), elapsedSeconds: SystemInfo.now() - clock,
            machine: BenchMachineFacts.current(), options: matrix.options, stages: BenchStages.names, cells: cells,
            peers: peers)
        let written: [String]
        do { written = try ReportFolder.write(results, to: out, force: force.force) } catch let error as ReportWriteError {
            throw CommandFailure(error.description)
        }
        Diagnostics.progress("bench: \(cells.count) cells in \(SystemInfo.format(results.elapsedSeconds)) s")
        print("wrote \(out): \(written.joined(separator: ", "))")
        print(BenchSummary.headline(results))
    }
}
