// BusinessKeyStream.swift: many millions of distinct business keys, spelled as the generator spells them.

import VaultColumnar

/// Distinct, clean business keys of one kind in a seeded order, for studies that need more keys
/// than a feed holds (a hash-collision count over tens of millions of transaction ids).
///
/// Position `i` holds the key numbered `1 + (a·i + c) mod M`, where `M = 10^digits − 1` and
/// `gcd(a, M) = 1`: a bijection of `0..<M` onto `1...M`, so distinct positions give distinct keys
/// and every key is one the generator could write. `a` and `c` are drawn from the seed, so each
/// seed gives another sample of the key space; the same seed always gives the same keys.
///
/// ```swift
/// let stream = BusinessKeyStream(kind: .transaction, seed: 42)
/// let keys = stream.keys(0..<1_000_000)   // 1,000,000 distinct T00000000123-style keys
/// ```
public struct BusinessKeyStream: Sendable {
    /// The kind of key (its prefix and width).
    public let kind: BusinessKeyKind
    /// The seed the order was drawn from.
    public let seed: UInt64
    /// How many distinct keys the stream holds: `10^digits − 1`.
    public let capacity: Int
    let multiplier: UInt64
    let increment: UInt64

    public init(kind: BusinessKeyKind, seed: UInt64) {
        self.kind = kind
        self.seed = seed
        capacity = pow10(kind.digits) - 1
        let m = UInt64(capacity)
        var a = 2 + counterHash(seed, .keyStream, 0) % max(m - 2, 1)
        while Self.gcd(a, m) != 1 { a = a % (m - 1) + 1 }
        multiplier = a % m
        increment = counterHash(seed, .keyStream, 1) % m
    }

    /// The number of the key at `position` (`0..<capacity`), in `1...capacity`.
    public func number(at position: Int) -> Int {
        precondition(position >= 0 && position < capacity, "position \(position) outside 0..<\(capacity)")
        let m = UInt64(capacity)
        let product = multiplier.multipliedFullWidth(by: UInt64(position))
        let (_, remainder) = m.dividingFullWidth((high: product.high, low: product.low))
        let (sum, overflow) = remainder.addingReportingOverflow(increment)
        return Int((overflow || sum >= m ? sum &- m : sum)) + 1
    }

    /// The keys at `positions` as a plain string column (no NULLs, no dirt).
    ///
    /// - Complexity: O(positions.count); one buffer, no per-key allocation.
    public func keys(_ positions: Range<Int>) -> Column {
        precondition(positions.upperBound <= capacity, "a \(kind) key stream holds \(capacity) keys")
        let width = kind.prefix.utf8.count + kind.digits
        var column = Column(.string, capacity: positions.count)
        column.reserve(rows: positions.count, stringBytes: positions.count * width)
        for position in positions {
            let number = self.number(at: position)
            column.appendString(maximumLength: width) { buffer in
                var cursor = ByteCursor(buffer)
                cursor.key(kind, number)
                return cursor.count
            }
        }
        return column
    }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
