// AliasTable.swift: O(1) sampling from a fixed discrete distribution (Vose's alias method).

/// Samples index `i` with probability `weights[i] / sum(weights)` from one 64-bit random value.
///
/// ```
///  slot j (uniform from the high 32 bits): keep j if the low 32 bits < cut[j], else alias[j]
/// ```
///
/// - Complexity: O(n) to build, O(1) per draw; 8 bytes per entry, cut and alias side by side so
///   that a draw from a large table touches one cache line.
struct AliasTable: Sendable {
    /// Per slot: the cut in the low 32 bits, the alias in the high 32 bits.
    private var entries: [UInt64]

    /// Builds the table; `weights` must be non-empty with a positive sum.
    init(weights: [Double]) {
        let construction = AliasConstruction()
        construction.build(weights)
        entries = (0..<weights.count).map { UInt64(construction.cut[$0]) | UInt64(UInt32(bitPattern: construction.alias[$0])) << 32 }
    }

    var count: Int { entries.count }

    /// The index drawn by `random`.
    @inline(__always)
    func sample(_ random: UInt64) -> Int {
        let slot = Int(truncatingIfNeeded: UInt64(entries.count).multipliedFullWidth(by: random).high)
        let entry = entries[slot]
        return UInt32(truncatingIfNeeded: random) < UInt32(truncatingIfNeeded: entry) ? slot : Int(entry >> 32)
    }

    /// Zipf-like weights `1 / (rank + 1)^s` for `ranks`.
    static func zipfWeights(ranks: [Int], exponent s: Double) -> [Double] {
        ranks.map { 1 / powDouble(Double($0 + 1), s) }
    }
}

/// Vose's construction of an alias table, with its working memory kept from one build to the
/// next: the product sampler is rebuilt every day over a hundred thousand products and more, and
/// fresh arrays each time would cost their page faults every day.
final class AliasConstruction {
    /// Per slot after ``build(_:)``: the cut on the low 32 bits of a draw, and the alias.
    private(set) var cut: [UInt32] = []
    private(set) var alias: [Int32] = []
    private var scaled: [Double] = []
    private var small: [Int32] = []
    private var large: [Int32] = []

    /// Builds the table of `weights` (non-empty, positive sum) into ``cut`` and ``alias``.
    func build(_ weights: [Double]) {
        let n = weights.count
        precondition(n > 0 && n < Int(Int32.max), "AliasTable needs 1..<2^31 weights")
        let total = weights.reduce(0, +)
        precondition(total > 0, "AliasTable weights must have a positive sum")
        // Work on local arrays (the class's properties would be checked for exclusive access at
        // every element), then keep them for the next build.
        var scaled = take(&self.scaled), cut = take(&self.cut), alias = take(&self.alias)
        var small = take(&self.small), large = take(&self.large)
        defer {
            (self.scaled, self.cut, self.alias, self.small, self.large) = (scaled, cut, alias, small, large)
        }
        scaled.append(contentsOf: weights.lazy.map { $0 * Double(n) / total })
        cut.append(contentsOf: repeatElement(UInt32.max, count: n))
        alias.append(contentsOf: repeatElement(0, count: n))
        small.reserveCapacity(n)
        large.reserveCapacity(n)
        for i in 0..<n { if scaled[i] < 1 { small.append(Int32(i)) } else { large.append(Int32(i)) } }
        while let s = small.last, let l = large.last {
            small.removeLast()
            let si = Int(s), li = Int(l)
            cut[si] = UInt32(min(scaled[si] * 4_294_967_296, 4_294_967_295))
            alias[si] = l
            alias[li] = l
            scaled[li] = (scaled[li] + scaled[si]) - 1
            if scaled[li] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Whatever is left has probability 1 up to rounding: keep itself always.
        for i in small { cut[Int(i)] = UInt32.max; alias[Int(i)] = i }
        for i in large { cut[Int(i)] = UInt32.max; alias[Int(i)] = i }
    }

    /// The array emptied, its memory kept, moved out of `array`.
    private func take<T>(_ array: inout [T]) -> [T] {
        var taken: [T] = []
        swap(&taken, &array)
        taken.removeAll(keepingCapacity: true)
        return taken
    }
}
