// CounterRandom.swift: counter-based randomness, so any row can be generated on its own.

import VaultColumnar

/// The purposes of random draws. Each value is mixed into the counter so that draws for different
/// purposes about the same entity are independent.
enum Purpose: UInt64 {
    case customerDetails = 1, customerSegment, customerContact, customerAddress, customerChange, customerResend
    case productDetails = 11, productPrice, productCost, productChange, productResend, productRank
    case storeDetails = 21, storeChange, storeResend, storeRank
    case promotionDetails = 31, promotionChange, promotionResend
    case assignment = 41, assignmentChange, assignmentResend
    case transaction = 51, late
    case keyNoise = 61
    case keyStream = 71
}

/// A pure function of `(seed, purpose, a, b)`: the root of every random choice.
///
/// - Complexity: three SplitMix64 finalisers; no state.
@inline(__always)
func counterHash(_ seed: UInt64, _ purpose: Purpose, _ a: Int, _ b: Int = 0) -> UInt64 {
    var h = ByteHash.finalize(seed &+ purpose.rawValue &* 0x9E37_79B9_7F4A_7C15)
    h = ByteHash.finalize(h ^ (UInt64(bitPattern: Int64(a)) &* 0xD6E8_FEB8_6659_FD93))
    return ByteHash.finalize(h ^ (UInt64(bitPattern: Int64(b)) &+ 0x2545_F491_4F6C_DD1D))
}

/// A SplitMix64 stream started from a counter hash: the draws of one row or one transaction.
struct DrawStream {
    var state: UInt64

    @inline(__always)
    init(_ seed: UInt64, _ purpose: Purpose, _ a: Int, _ b: Int = 0) {
        state = counterHash(seed, purpose, a, b)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return ByteHash.finalize(state)
    }

    /// The value the `k`-th call of ``next()`` from here (k >= 1) will return, without drawing:
    /// the stream's state after `k` steps is `state + k·γ`.
    @inline(__always)
    func peek(_ k: Int) -> UInt64 {
        ByteHash.finalize(state &+ UInt64(truncatingIfNeeded: k) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Advances the stream by one draw without computing it (after a ``peek(_:)``).
    @inline(__always)
    mutating func skip() { state &+= 0x9E37_79B9_7F4A_7C15 }

    /// A uniform integer in `0..<n` (Lemire's multiply-high; bias below 2^-32 for our n).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: next()).high)
    }

    /// A uniform integer in `range`.
    @inline(__always)
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `[0, 1)`.
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `threshold / 2^53` (see ``threshold53(_:)``).
    @inline(__always)
    mutating func chance(_ threshold: UInt64) -> Bool { (next() >> 11) < threshold }
}

/// True with probability `threshold / 2^53` for the pure draw `(seed, purpose, a, b)`.
@inline(__always)
func counterChance(_ threshold: UInt64, _ seed: UInt64, _ purpose: Purpose, _ a: Int, _ b: Int) -> Bool {
    threshold != 0 && (counterHash(seed, purpose, a, b) >> 11) < threshold
}

/// How many of `bounds` are at most `value`: for ascending cumulative bounds, the bucket that
/// `value` falls in. Counted without branches: a branch on a random value is mispredicted about
/// every other time, and sales lines make such choices per line.
@inline(__always)
func bucket(_ value: Int, bounds: [Int]) -> Int {
    var n = 0
    for bound in bounds { n &+= bound <= value ? 1 : 0 }
    return n
}
