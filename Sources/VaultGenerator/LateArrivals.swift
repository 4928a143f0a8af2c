// LateArrivals.swift: which of a day's transactions arrive in a later batch, drawn once per day.

/// The transactions of one day that arrive 1-3 batches late (the `late-transactions` dirt), in
/// ascending order with their delays.
///
/// A batch emits today's transactions minus today's late ones, then the late ones of each of the
/// last three days whose delay brings them to today. Drawing every delay again in each of those
/// batches costs four counter hashes per transaction of the day; drawing them once per day and
/// keeping the few late ones (1 % by default) costs one.
///
/// - Complexity: O(transactions of the day) to build, once; the list holds the late ones only.
struct LateArrivals: Sendable {
    /// Offsets (from the day's first transaction) of the late transactions, ascending.
    let offsets: [Int32]
    /// Their delays in batches (1...``RetailGenerator/maximumDelay``), in the same order.
    let delays: [UInt8]

    /// The late transactions among the `count` of a day numbered from `first`, for a threshold on
    /// 53 random bits (0: none is late).
    init(seed: UInt64, threshold: UInt64, first: Int, count: Int) {
        var offsets: [Int32] = [], delays: [UInt8] = []
        if threshold != 0 {
            for i in 0..<count {
                let delay = Self.delay(seed: seed, threshold: threshold, transaction: first + i)
                if delay != 0 {
                    offsets.append(Int32(i))
                    delays.append(UInt8(delay))
                }
            }
        }
        self.offsets = offsets
        self.delays = delays
    }

    /// The delay (0: on time, 1-3 batches late) of transaction `t`.
    @inline(__always)
    static func delay(seed: UInt64, threshold: UInt64, transaction t: Int) -> Int {
        guard threshold != 0 else { return 0 }
        let h = counterHash(seed, .late, t)
        return (h >> 11) < threshold ? 1 + Int(h & 0xFF) % RetailGenerator.maximumDelay : 0
    }

    /// The index of the first late transaction at offset `offset` or after.
    func firstIndex(atOrAfter offset: Int) -> Int {
        var lo = 0, hi = offsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(offsets[mid]) < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// How many transactions at `offsets` (of the day) arrive with delay `delay` (0: on time).
    func count(in range: Range<Int>, delay: Int) -> Int {
        let start = firstIndex(atOrAfter: range.lowerBound), end = firstIndex(atOrAfter: range.upperBound)
        if delay == 0 { return range.count - (end - start) }
        var n = 0
        for i in start..<end where Int(delays[i]) == delay { n += 1 }
        return n
    }
}
