// HashThroughput.swift: measuring keys per second of every hash implementation on the same keys.

import VaultChecksum
import VaultColumnar

/// A set of business-key-like messages of one length, in Arrow layout, for throughput runs.
public struct KeySample: Sendable {
    public let length: Int
    public let count: Int
    let bytes: [UInt8]
    let offsets: [Int64]

    /// `count` distinct keys of `length` bytes (`K0000001...`, padded with printable filler).
    public init(length: Int, count: Int) {
        precondition(length >= 0 && count > 0)
        self.length = length
        self.count = count
        var bytes = [UInt8]()
        bytes.reserveCapacity(length * count)
        var offsets: [Int64] = [0]
        offsets.reserveCapacity(count + 1)
        for i in 0..<count {
            var digits = Array(String(i).utf8)
            digits = Array(repeating: UInt8(ascii: "0"), count: max(0, 12 - digits.count)) + digits
            var key = [UInt8(ascii: "K")] + digits
            while key.count < length { key.append(UInt8(ascii: "a") + UInt8(key.count % 26)) }
            bytes += key.prefix(length)
            offsets.append(Int64(bytes.count))
        }
        self.bytes = bytes
        self.offsets = offsets
    }
}

/// One implementation of one algorithm, as measured.
public struct HashThroughputResult: Sendable, Codable {
    public var algorithm: String
    public var implementation: String
    public var keyLength: Int
    public var keysPerSecond: Double
    /// Whether the digests equal OpenSSL's (or libxxhash's) for the same keys.
    public var matchesReference: Bool
}

/// Runs implementations over a ``KeySample`` for a minimum time and reports the best rate.
public enum HashThroughput {
    /// The implementations compared for `algorithm`: vaultsim's chosen kernel, every available
    /// kernel, and OpenSSL's one-at-a-time digest.
    public static func implementations(for algorithm: HashAlgorithm) -> [String] {
        if algorithm == .xxh3 { return ["vaultsim(inline)", "libxxhash"] }
        var names = ["vaultsim(\(HashKernels.selected(for: algorithm).rawValue))"]
        for implementation in HashKernels.Implementation.allCases where implementation != .auto
            && HashKernels.isAvailable(implementation, for: algorithm) {
            names.append(implementation.rawValue)
        }
        names.append("openssl")
        return names
    }

    /// Measures every implementation of `algorithm` on `sample`, each for at least `seconds`
    /// (best of the repetitions), and checks its digests against the reference.
    public static func measure(_ algorithm: HashAlgorithm, sample: KeySample, seconds: Double = 0.3) -> [HashThroughputResult] {
        let width = algorithm.digestLength
        var reference = [UInt8](repeating: 0, count: sample.count * width)
        run(algorithm, name: algorithm == .xxh3 ? "libxxhash" : "openssl", sample, into: &reference)
        return implementations(for: algorithm).map { name in
            var out = [UInt8](repeating: 0, count: sample.count * width)
            let clock = ContinuousClock()
            var best = Double.infinity
            var spent = 0.0
            repeat {
                let elapsed = clock.measure { run(algorithm, name: name, sample, into: &out) }
                let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                best = min(best, s)
                spent += s
            } while spent < seconds
            return HashThroughputResult(algorithm: algorithm.rawValue, implementation: name, keyLength: sample.length,
                                        keysPerSecond: Double(sample.count) / best, matchesReference: out == reference)
        }
    }

    /// Hashes every key of `sample` with the implementation called `name` (one of
    /// ``implementations(for:)``) into `out`.
    public static func run(_ algorithm: HashAlgorithm, name: String, _ sample: KeySample, into out: inout [UInt8]) {
        sample.bytes.withUnsafeBytes { b in
            sample.offsets.withUnsafeBufferPointer { o in
                out.withUnsafeMutableBytes { target in
                    let base = b.baseAddress, offsets = o.baseAddress!, t = target.baseAddress!
                    switch name {
                    case "openssl": OpenSSLDigest.hashEach(algorithm, bytes: base, offsets: offsets, count: sample.count, out: t)
                    case "libxxhash": XXH3Reference.hash(bytes: base, offsets: offsets, count: sample.count, out: t)
                    case _ where algorithm == .xxh3: HashKernels.xxh3(bytes: base, offsets: offsets, count: sample.count, out: t)
                    default:
                        let implementation = HashKernels.Implementation(rawValue: name) ?? .auto
                        HashKernels.hash(algorithm, implementation: implementation, bytes: base, offsets: offsets,
                                         count: sample.count, out: t)
                    }
                }
            }
        }
    }
}
