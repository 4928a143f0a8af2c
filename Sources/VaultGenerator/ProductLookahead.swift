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

    /// The block's storage, allocated once and reused for every block: the transactions, their
    /// openings once scheduled, per transaction the index of its first line's draw, and the
    /// scheduled draws' random words, then what they drew. Plain pointers, not arrays: an array
    /// append checks uniqueness and capacity, and this runs for every transaction and line.
    private let transactions: UnsafeMutablePointer<Int>
    private let openingStorage: UnsafeMutablePointer<TransactionOpening>
    private let firstLine: UnsafeMutablePointer<Int>
    private let randoms: UnsafeMutablePointer<UInt64>
    private let draws: UnsafeMutablePointer<ProductDraw>
    /// Transactions added, transactions scheduled, draws scheduled.
    private(set) var count = 0
    private var scheduled = 0
    private var drawCount = 0

    init() {
        transactions = .allocate(capacity: Self.blockSize)
        openingStorage = .allocate(capacity: Self.blockSize)
        firstLine = .allocate(capacity: Self.blockSize)
        randoms = .allocate(capacity: Self.blockSize * Self.maximumLines)
        draws = .allocate(capacity: Self.blockSize * Self.maximumLines)
    }

    deinit {
        transactions.deallocate()
        openingStorage.deallocate()
        firstLine.deallocate()
        randoms.deallocate()
        draws.deallocate()
    }

    /// Adds transaction `t` to the block; true when the block is then full.
    @inline(__always)
    mutating func add(_ t: Int) -> Bool {
        precondition(count < Self.blockSize, "ProductLookahead: block overflow")
        (transactions + count).initialize(to: t)
        count += 1
        return count == Self.blockSize
    }

    /// Transaction `b` of the block.
    @inline(__always)
    func transaction(_ b: Int) -> Int { transactions[b] }

    /// The opening of transaction `b` of the block, once scheduled.
    @inline(__always)
    func opening(_ b: Int) -> TransactionOpening { openingStorage[b] }

    /// Adds the next transaction of the block, which opened with `opening`, and the draws of its
    /// lines when no product repeats, and starts reading their slots from `table`
    /// (``ProductDrawTable/prefetch(_:)``).
    @inline(__always)
    mutating func schedule(_ opening: TransactionOpening, drawsPerLine: Int, prefetching table: ProductDrawTable) {
        precondition(scheduled < count && opening.lineCount <= Self.maximumLines, "ProductLookahead: schedule out of step")
        (openingStorage + scheduled).initialize(to: opening)
        (firstLine + scheduled).initialize(to: drawCount)
        scheduled += 1
        for i in 0..<opening.lineCount {
            let random = opening.stream.peek(1 + i * drawsPerLine)
            table.prefetch(random)
            (randoms + drawCount).initialize(to: random)
            drawCount += 1
        }
    }

    /// Reads every scheduled draw from `table`: first the products (their slots were prefetched),
    /// prefetching each one's offer, then the offers, so the offers' cache misses overlap.
    @inline(__always)
    mutating func fetch(from table: ProductDrawTable) {
        for k in 0..<drawCount {
            let p = table.product(randoms[k])
            table.prefetchOffer(of: p)
            (draws + k).initialize(to: ProductDraw(product: p, ProductOutcome(priceCents: 0, promotion: -1, percentHundredths: 0)))
        }
        for k in 0..<drawCount { draws[k] = table.offer(of: draws[k].product) }
    }

    /// The fetched draws, valid until the block is emptied.
    var fetched: FetchedDraws { FetchedDraws(firstLine: firstLine, draws: draws) }

    /// Empties the block.
    mutating func removeAll() {
        count = 0
        scheduled = 0
        drawCount = 0
    }
}

/// The fetched draws of a ``ProductLookahead`` block: a plain view of its storage, so that the
/// function writing the lines (inlined into the block's loop) takes a copyable value.
struct FetchedDraws {
    let firstLine: UnsafePointer<Int>
    let draws: UnsafePointer<ProductDraw>

    init(firstLine: UnsafeMutablePointer<Int>, draws: UnsafeMutablePointer<ProductDraw>) {
        self.firstLine = UnsafePointer(firstLine)
        self.draws = UnsafePointer(draws)
    }

    /// The product drawn for line `line` of transaction `b` of the block, with its offer.
    @inline(__always)
    func draw(block b: Int, line: Int) -> ProductDraw { draws[firstLine[b] + line] }
}
