// ProductLookahead.swift: the products a block of transactions will draw, read before their lines are written.

/// The products a block of transactions will draw, looked up before their lines are written.
///
/// A sales line draws its product and offer from the day's ``ProductDrawTable``: random reads in
/// megabytes of memory at large scales, which the line would then wait for. The draws are counter
/// based, so the value of the stream's `k`-th next draw is known without drawing
/// (``DrawStream/peek(_:)``): if no product repeats within a transaction, line `i`'s product is
/// draw `1 + i * drawsPerLine` after the opening. A first pass
/// (``schedule(_:drawsPerLine:prefetching:)``) computes those draws for a whole block and
/// prefetches their slots, so the reads arrive while the rest of the block's openings are
/// computed (the tables do not stay in the cache: the columns written stream megabytes through
/// it); a second (``fetch(from:)``) reads them; the writing pass takes them from here while its
/// draws are on that schedule and draws itself after a repeat. The output is the same.
struct ProductLookahead: ~Copyable {
    /// Transactions per block: enough reads in flight, little enough to stay in the L1 cache.
    static let blockSize = 32
    /// At most this many lines per transaction.
    static let maximumLines = 5

    /// The transactions of the block.
    var pending: [Int] = []
    /// Their openings, once scheduled.
    private(set) var openings: [TransactionOpening] = []
    /// Per scheduled transaction, the index of its first line's draw.
    private var firstLine: [Int] = []
    /// The scheduled draws' random words, then what they drew.
    private var randoms: [UInt64] = []
    private var draws: [ProductDraw] = []

    init() {
        pending.reserveCapacity(Self.blockSize)
        openings.reserveCapacity(Self.blockSize)
        firstLine.reserveCapacity(Self.blockSize)
        randoms.reserveCapacity(Self.blockSize * Self.maximumLines)
        draws = Array(repeating: ProductDraw(product: 0, ProductOutcome(priceCents: 0, promotion: -1, percentHundredths: 0)),
                      count: Self.blockSize * Self.maximumLines)
    }

    /// Adds the next transaction of the block, which opened with `opening`, and the draws of its
    /// lines when no product repeats, and starts reading their slots from `table`
    /// (``ProductDrawTable/prefetch(_:)``).
    @inline(__always)
    mutating func schedule(_ opening: TransactionOpening, drawsPerLine: Int, prefetching table: ProductDrawTable) {
        openings.append(opening)
        firstLine.append(randoms.count)
        for i in 0..<opening.lineCount {
            let random = opening.stream.peek(1 + i * drawsPerLine)
            table.prefetch(random)
            randoms.append(random)
        }
    }

    /// Reads every scheduled draw from `table`: first the products (their slots were prefetched),
    /// prefetching each one's offer, then the offers, so the offers' cache misses overlap.
    @inline(__always)
    mutating func fetch(from table: ProductDrawTable) {
        let n = randoms.count
        randoms.withUnsafeBufferPointer { randoms in
            draws.withUnsafeMutableBufferPointer { draws in
                for k in 0..<n {
                    let p = table.product(randoms[k])
                    table.prefetchOffer(of: p)
                    draws[k].product = p
                }
                for k in 0..<n { draws[k] = table.offer(of: draws[k].product) }
            }
        }
    }

    /// The product drawn for line `line` of transaction `b` of the block, with its offer.
    @inline(__always)
    func draw(block b: Int, line: Int) -> ProductDraw { draws[firstLine[b] + line] }

    mutating func removeAll() {
        pending.removeAll(keepingCapacity: true)
        openings.removeAll(keepingCapacity: true)
        firstLine.removeAll(keepingCapacity: true)
        randoms.removeAll(keepingCapacity: true)
    }
}
