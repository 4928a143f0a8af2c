// BenchHashCommand.swift: `vaultsim bench hash`, keys/s of every hash implementation, same keys, same run.

import ArgumentParser
import Foundation
import VaultHashing

struct BenchHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Keys per second of vaultsim's hash kernels and OpenSSL's one-at-a-time digests, on the same keys.",
        discussion: HelpText.reflow("""
            One core, best of repeated runs over the same key set. Every implementation's digests are
            compared with the reference (OpenSSL, or libxxhash for xxh3) in the same run; a mismatch
            is reported and makes the command fail. The dispatch line says which kernel the CPU chose.
            """)
    )

    @Option(help: "Comma-separated key lengths in bytes.")
    var lengths: String = "14"

    @Option(help: "Keys per run.")
    var keys: Int = 65_536

    @Option(help: "Comma-separated algorithms (md5, sha1, sha256, xxh3).")
    var algorithms: String = "md5,sha1,sha256,xxh3"

    @Option(help: "Minimum seconds spent per implementation and length.")
    var seconds: Double = 0.25

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard (1...10_000_000).contains(keys) else { throw ValidationError("--keys must be between 1 and 10000000.") }
        guard seconds > 0 && seconds <= 60 else { throw ValidationError("--seconds must be in (0, 60].") }
        _ = try parsedLengths()
        _ = try parsedAlgorithms()
    }

    func parsedLengths() throws -> [Int] {
        try lengths.split(separator: ",").map {
            guard let n = Int($0.trimmingCharacters(in: .whitespaces)), (0...65_536).contains(n) else {
                throw ValidationError("--lengths: '\($0)' is not a key length between 0 and 65536.")
            }
            return n
        }
    }

    func parsedAlgorithms() throws -> [HashAlgorithm] {
        try algorithms.split(separator: ",").map {
            guard let a = HashAlgorithm(name: String($0)) else {
                throw ValidationError("--algorithms: unknown algorithm '\($0)' (use md5, sha1, sha256, xxh3).")
            }
            return a
        }
    }

    func run() throws {
        let algorithmList = try parsedAlgorithms()
        var results = [HashThroughputResult]()
        for length in try parsedLengths() {
            let sample = KeySample(length: length, count: keys)
            for algorithm in algorithmList {
                Diagnostics.progress("bench hash: \(algorithm.rawValue), \(length)-byte keys")
                results += HashThroughput.measure(algorithm, sample: sample, seconds: seconds)
            }
        }
        let dispatch = algorithmList.filter { $0 != .xxh3 }.map { "\($0.rawValue)=\(HashKernels.selected(for: $0).rawValue)" }
        if json {
            let report = HashBenchReport(machine: MachineInfo.current(), dispatch: dispatch, results: results)
            print(try report.jsonString())
        } else {
            print("dispatch: \(dispatch.joined(separator: " "))   cpu: \(MachineInfo.current().cpuModel)")
            var rows = [["algorithm", "implementation", "key bytes", "M keys/s", "x openssl", "matches"]]
            for r in results {
                let openssl = results.first { $0.algorithm == r.algorithm && $0.keyLength == r.keyLength && $0.implementation == "openssl" }
                let ratio = openssl.map { String(format: "%.1f", r.keysPerSecond / $0.keysPerSecond) } ?? "-"
                rows.append([r.algorithm, r.implementation, String(r.keyLength), String(format: "%.1f", r.keysPerSecond / 1e6),
                             ratio, r.matchesReference ? "yes" : "NO"])
            }
            print(TextTable.render(rows, rightAligned: [2, 3, 4]))
        }
        if let bad = results.first(where: { !$0.matchesReference }) {
            throw CommandFailure("\(bad.algorithm) \(bad.implementation) gave digests different from the reference")
        }
    }
}

/// The JSON document of `bench hash --json`.
struct HashBenchReport: Codable {
    var machine: MachineInfo
    var dispatch: [String]
    var results: [HashThroughputResult]

    func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
