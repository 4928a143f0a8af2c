// BirthdayBound.swift: the probability that n uniformly hashed keys collide in b bits.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The birthday bound for `n` distinct keys hashed uniformly into `b` bits (`N = 2^b` values):
///
/// ```
///  expected colliding pairs   E = n(n−1)/2 · 2^−b
///  P(at least one collision)  p = 1 − exp(−E)            (computed as −expm1(−E))
///  keys for probability p     n = 1/2 + sqrt(1/4 + 2^(b+1) · (−log1p(−p)))
/// ```
///
/// `E` is exact for a uniform hash (each of the n(n−1)/2 pairs collides with probability 2^−b);
/// `p` is the Poisson approximation, within a relative 2⁻ᵇ⁻¹·n of the exact product
/// `1 − Π(1 − i/N)` for `n ≪ N`. `expm1` and `log1p` keep full precision where `E` or `p` is tiny
/// (`1.5e-21` for 10⁹ keys in 128 bits, where `1 − exp(−E)` would round to 0).
public enum BirthdayBound {
    /// The expected number of colliding pairs among `keys` distinct keys in `bits` bits.
    public static func expectedCollidingPairs(keys n: Double, bits: Int) -> Double {
        precondition(n >= 0 && bits > 0, "keys must not be negative and bits must be positive")
        guard n > 1 else { return 0 }
        return scalbn(n * (n - 1) / 2, -bits)
    }

    /// The probability of at least one collision among `keys` distinct keys in `bits` bits.
    public static func collisionProbability(keys n: Double, bits: Int) -> Double {
        -expm1(-expectedCollidingPairs(keys: n, bits: bits))
    }

    /// The number of keys at which the collision probability reaches `probability` (in `(0, 1)`).
    public static func keys(forProbability probability: Double, bits: Int) -> Double {
        precondition(probability > 0 && probability < 1, "a probability strictly between 0 and 1")
        let pairs = -log1p(-probability)  // E such that 1 − exp(−E) = probability
        return 0.5 + (0.25 + scalbn(pairs, bits + 1)).squareRoot()
    }
}

/// A key width to study: a named hash digest or a truncation of one.
public struct KeyWidth: Hashable, Sendable {
    /// What the width stands for (`md5`, `sha256`, `64-bit truncation`).
    public var name: String
    /// The width in bits.
    public var bits: Int

    public init(_ name: String, bits: Int) {
        self.name = name
        self.bits = bits
    }

    /// The digests vaultsim can use as keys, then the usual truncations (BIGINT keys, 32-bit ints).
    public static let standard: [KeyWidth] = [
        KeyWidth("sha256", bits: 256), KeyWidth("sha1", bits: 160), KeyWidth("md5", bits: 128),
        KeyWidth("xxh3", bits: 128), KeyWidth("any hash truncated to 64 bits", bits: 64),
        KeyWidth("any hash truncated to 48 bits", bits: 48), KeyWidth("any hash truncated to 32 bits", bits: 32),
    ]
}
