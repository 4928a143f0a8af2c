// KernelVerification.swift: every kernel against OpenSSL on random messages of mixed lengths.

import VaultChecksum

/// Checks every available kernel of MD5, SHA-1 and SHA-256 (and XXH3's inline batch against the
/// library) on seeded random batches: lengths 0...300 weighted towards the padding edges (55/56,
/// 64, 119/120, 128), batch sizes that leave lanes uneven, and batches that start at a nonzero offset.
public enum KernelVerification {
    /// One mismatch: which implementation, which message.
    public struct Mismatch: Error, CustomStringConvertible {
        public var algorithm: HashAlgorithm
        public var implementation: String
        public var length: Int
        public var description: String { "\(algorithm.rawValue) \(implementation) differs from the reference on a \(length)-byte message" }
    }

    /// Verifies about `messages` random messages per algorithm; returns the number checked.
    public static func run(messages: Int, seed: UInt64) throws -> Int {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var checked = 0
        let sizes = [1, 15, 16, 17, 33, 64, 1000, 2999]
        while checked < messages {
            let count = sizes[Int(next() % UInt64(sizes.count))]
            let skip = Int(next() % 5)  // a nonzero first offset
            var bytes = [UInt8](repeating: 0xAA, count: skip)
            var offsets: [Int64] = [Int64(skip)]
            for _ in 0..<count {
                let r = next()
                let length: Int
                switch r % 4 {
                case 0: length = 50 + Int((r >> 8) % 16)
                case 1: length = 110 + Int((r >> 8) % 20)
                default: length = Int((r >> 8) % 301)
                }
                for _ in 0..<length { bytes.append(UInt8(truncatingIfNeeded: next())) }
                offsets.append(Int64(bytes.count))
            }
            for algorithm in HashAlgorithm.allCases {
                let width = algorithm.digestLength
                var reference = [UInt8](repeating: 0, count: count * width)
                var out = reference
                var mismatch: Mismatch? = nil
                bytes.withUnsafeBytes { b in
                    offsets.withUnsafeBufferPointer { o in
                        reference.withUnsafeMutableBytes { r in
                            if algorithm == .xxh3 {
                                XXH3Reference.hash(bytes: b.baseAddress, offsets: o.baseAddress!, count: count, out: r.baseAddress!)
                            } else {
                                OpenSSLDigest.hashEach(algorithm, bytes: b.baseAddress, offsets: o.baseAddress!, count: count, out: r.baseAddress!)
                            }
                        }
                        let implementations: [HashKernels.Implementation] = algorithm == .xxh3 ? [.auto]
                            : HashKernels.Implementation.allCases.filter { HashKernels.isAvailable($0, for: algorithm) }
                        for implementation in implementations {
                            out.withUnsafeMutableBytes { t in
                                if algorithm == .xxh3 {
                                    HashKernels.xxh3(bytes: b.baseAddress, offsets: o.baseAddress!, count: count, out: t.baseAddress!)
                                } else {
                                    HashKernels.hash(algorithm, implementation: implementation, bytes: b.baseAddress,
                                                     offsets: o.baseAddress!, count: count, out: t.baseAddress!)
                                }
                            }
                            if out != reference && mismatch == nil {
                                let bad = (0..<count).first { out[$0 * width..<($0 + 1) * width] != reference[$0 * width..<($0 + 1) * width] }!
                                mismatch = Mismatch(algorithm: algorithm, implementation: implementation.rawValue,
                                                    length: Int(o[bad + 1] - o[bad]))
                            }
                        }
                    }
                }
                if let mismatch { throw mismatch }
            }
            checked += count
        }
        return checked
    }
}
