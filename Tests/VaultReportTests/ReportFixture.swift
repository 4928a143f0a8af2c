// ReportFixture.swift: a small synthetic matrix (2 algorithms x 2 formats x 2 scales x 2 thread counts).

import VaultReport

enum ReportFixture {
    static let stages = ["generate", "stage", "hubs", "links", "satellites", "audits", "snapshot_save", "restore"]

    /// A run whose stage k takes (k + 1) x `unit` microseconds.
    static func run(unit: Int64, sourceRows: Int, peak: Int) -> BenchRun {
        let tables = [
            TableSize(
                name: "hub_customer", rows: sourceRows / 10, memoryBytes: sourceRows * 8, diskBytes: sourceRows * 3),
            TableSize(
                name: "sat_sales_metrics", rows: sourceRows / 2, memoryBytes: sourceRows * 40, diskBytes: sourceRows * 9
            ),
        ]
        return BenchRun(
            stages: stages.enumerated().map { k, name in
                BenchRun.StageRecord(name: name, micros: unit * Int64(k + 1), rows: sourceRows, peakResidentBytes: peak)
            },
            sourceRows: sourceRows, peakResidentBytes: peak, memoryBytes: sourceRows * 48, diskBytes: sourceRows * 12,
            tables: tables)
    }

    static func results() -> BenchResults {
        let algorithms = ["md5", "xxh3"]
        let formats = ["binary", "hex"]
        let scales = [0.5, 2.0]
        let threads = [1, 2]
        var cells = [BenchCell]()
        for (a, algorithm) in algorithms.enumerated() {
            for (f, format) in formats.enumerated() {
                for scale in scales {
                    for t in threads {
                        let rows = Int(scale * 10_000)
                        let unit = Int64(scale * 1000) * Int64(2 + a + f) / Int64(t)
                        let runs = [
                            run(unit: unit, sourceRows: rows, peak: rows * 100),
                            run(unit: unit * 2, sourceRows: rows, peak: rows * 110),
                            run(unit: unit * 3 / 2, sourceRows: rows, peak: rows * 90),
                        ]
                        cells.append(
                            BenchCell(
                                algorithm: algorithm, keyFormat: format, scale: scale, threads: t, runs: runs,
                                stageNames: stages))
                    }
                }
            }
        }
        let machine = BenchMachine(
            cpuModel: "Test CPU <fast> & \"cheap\"", cpuFlags: ["avx2", "sha_ni"], cores: 2,
            memoryBytes: 8 << 30, os: "Linux", swiftVersion: "6.3", kernels: ["md5=avx2"])
        let options = BenchOptions(
            preset: "test", scales: scales, algorithms: algorithms, keyFormats: formats, threads: threads,
            days: 3, seed: 42, profile: "automatedv", repeat: 3, warmup: 1, level: 3)
        let peer = PeerResult(
            engine: "duckdb", algorithm: "md5", scale: 0.5, days: 3, seconds: 2, vaultsimSeconds: 0.5,
            covers: "stage, hubs, links, satellites",
            tables: [PeerTable(name: "hub_customer", peerRows: 10, vaultsimRows: 10, identical: true)],
            differences: [])
        return BenchResults(
            vaultsimVersion: "0.1.0", commandLine: ["vaultsim", "bench", "--preset", "test"],
            startedAt: "2025-01-01T00:00:00Z", elapsedSeconds: 12, machine: machine, options: options,
            stages: stages, cells: cells, peers: [peer])
    }
}
