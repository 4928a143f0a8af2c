// CollisionStudy.swift: measured hash-key collisions at truncated widths against the birthday bound.

import VaultGenerator
import VaultHashing

/// Measures real hash collisions of distinct business keys and compares them with the birthday
/// bound: the keys come from a ``BusinessKeyStream`` (spelled as the generator spells them),
/// are standardised and deduplicated under a profile (``DistinctKeys``), hashed by the vault's
/// kernels (``DigestPrefixes``), truncated to each width, and counted (``PrefixSort``,
/// ``CollisionCount``). Full digests (128 bits and more) never collide at any feasible sample
/// size, which is the point: truncations to 24-64 bits make collisions frequent enough to count,
/// and agreement there with `n(n−1)/2^(b+1)` is the evidence that the formula can be trusted
/// at 128 bits.
///
/// Deterministic: the same configuration gives the same counts on any thread count.
public enum CollisionStudy {
    /// What to measure.
    public struct Configuration: Sendable {
        /// Keys to draw from the stream (before deduplication).
        public var sample: Int
        /// The kind of business key.
        public var kind: BusinessKeyKind
        /// Chooses the sample of the key space.
        public var seed: UInt64
        /// The standardisation applied before hashing (and deciding which keys are equal).
        public var profile: HashProfile
        /// The algorithms whose digests are truncated.
        public var algorithms: [HashAlgorithm]
        /// Widths in bits (1...64) to truncate to.
        public var widths: [Int]
        /// Threads for hashing.
        public var threads: Int

        public init(sample: Int, kind: BusinessKeyKind = .transaction, seed: UInt64 = 42, profile: HashProfile = .automatedv,
                    algorithms: [HashAlgorithm] = HashAlgorithm.allCases, widths: [Int] = [24, 32, 40, 48, 56, 64],
                    threads: Int = 1) {
            self.sample = sample
            self.kind = kind
            self.seed = seed
            self.profile = profile
            self.algorithms = algorithms
            self.widths = widths
            self.threads = threads
        }

        /// Bytes the study holds at its peak: key strings and offsets, the dedupe table, and three
        /// arrays of 64-bit prefixes (digests, sorted, scratch).
        public var estimatedBytes: Double {
            Double(sample) * Double(kind.prefix.utf8.count + kind.digits + 8 + 16 + 24)
        }
    }

    /// One algorithm at one width: what was counted and what the bound predicts.
    public struct Measurement: Hashable, Sendable {
        public var algorithm: HashAlgorithm
        public var count: CollisionCount
        /// `n(n−1)/2 · 2^−b`.
        public var expectedPairs: Double
        /// The standard deviation of the number of colliding pairs under uniform hashing,
        /// `sqrt(C(n,2) · q · (1−q))` with `q = 2^−b` (pair events are pairwise independent).
        public var standardDeviation: Double

        /// Measured over expected pairs (`nil` when nothing is expected).
        public var ratio: Double? { expectedPairs > 0 ? Double(count.collidingPairs) / expectedPairs : nil }
        /// How many standard deviations the measurement lies from the prediction.
        public var zScore: Double? {
            standardDeviation > 0 ? (Double(count.collidingPairs) - expectedPairs) / standardDeviation : nil
        }
    }

    /// The outcome of a study.
    public struct Result: Sendable {
        public var configuration: Configuration
        /// Distinct keys hashed.
        public var keys: Int
        /// Sample rows that repeated a key (0 for a stream, whose keys are distinct by construction).
        public var duplicatesRemoved: Int
        /// Sample rows without a key under the profile.
        public var nullKeys: Int
        /// One per algorithm and width, algorithms in the order given, widths ascending.
        public var measurements: [Measurement]
    }

    /// Keys drawn from the stream per standardisation call.
    static let drawChunk = 1 << 20

    /// Runs the study; `progress` receives one line per stage (for standard error).
    public static func run(_ configuration: Configuration, progress: (String) -> Void = { _ in }) -> Result {
        let stream = BusinessKeyStream(kind: configuration.kind, seed: configuration.seed)
        precondition(configuration.sample <= stream.capacity, "a \(configuration.kind) stream holds \(stream.capacity) keys")
        var keys = DistinctKeys(profile: configuration.profile, expectedCount: configuration.sample)
        var drawn = 0
        while drawn < configuration.sample {
            let next = min(configuration.sample, drawn + drawChunk)
            keys.insert(stream.keys(drawn..<next))
            drawn = next
        }
        progress("\(keys.count) distinct \(configuration.kind) keys (\(keys.duplicates) duplicates removed)")
        let widths = Array(Set(configuration.widths)).sorted()
        let sortedBits = widths.last ?? 64
        var measurements = [Measurement]()
        for algorithm in configuration.algorithms {
            let prefixes = DigestPrefixes.compute(keys, algorithm: algorithm, threads: configuration.threads)
            let sorted = PrefixSort.leadingBits(prefixes, bits: sortedBits)
            for count in CollisionCount.count(sortedLeadingBits: sorted, sortedBits: sortedBits, widths: widths) {
                measurements.append(measurement(algorithm, count))
            }
            progress("\(algorithm.rawValue): hashed, truncated and counted")
        }
        return Result(configuration: configuration, keys: keys.count, duplicatesRemoved: keys.duplicates,
                      nullKeys: keys.nullKeys, measurements: measurements)
    }

    static func measurement(_ algorithm: HashAlgorithm, _ count: CollisionCount) -> Measurement {
        let n = Double(count.keys)
        let expected = BirthdayBound.expectedCollidingPairs(keys: n, bits: count.bits)
        let q = BirthdayBound.expectedCollidingPairs(keys: 2, bits: count.bits)  // 2^−b
        let pairs = n * (n - 1) / 2
        return Measurement(algorithm: algorithm, count: count, expectedPairs: expected,
                           standardDeviation: (pairs * q * (1 - q)).squareRoot())
    }
}
