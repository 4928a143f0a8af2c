// HashBenchmarks.swift: hash kernels by key length, against OpenSSL's one-at-a-time digests.

import Benchmark
import VaultColumnar
import VaultHashing

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 200
    )
    let keysPerBatch = 4096
    for length in [8, 14, 32, 55, 56, 120, 1000] {
        let sample = KeySample(length: length, count: keysPerBatch)
        for algorithm in HashAlgorithm.allCases {
            for implementation in HashThroughput.implementations(for: algorithm) {
                let name = implementation.replacingOccurrences(of: "(", with: ".").replacingOccurrences(of: ")", with: "")
                Benchmark("hash.\(algorithm.rawValue).\(name).keys\(length)B",
                          configuration: .init(scalingFactor: .kilo)) { benchmark in
                    var out = [UInt8](repeating: 0, count: keysPerBatch * algorithm.digestLength)
                    for _ in benchmark.scaledIterations {
                        HashThroughput.run(algorithm, name: implementation, sample, into: &out)
                        blackHole(out)
                    }
                }
            }
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
