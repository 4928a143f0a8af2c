// ProductDrawTable.swift: a day's product sampler with each outcome's price and promotion beside it.

import VaultColumnar

/// One slot of a day's product sampler (see ``AliasTable``) and what a sales line needs of both
/// products the slot can give (outcome 0: the slot's own product, taken when the draw's low 32
/// bits are below `cut`; outcome 1: its alias): price, promotion and the promotion's discount.
/// 32 bytes, so that a draw reads one aligned half cache line and nothing else.
///
/// ```
///  0       4       8         12        16          20        24        28          32
///  | cut   | alias | price 0 | promo 0 | percent 0 | price 1 | promo 1 | percent 1 |
/// ```
struct ProductDrawSlot {
    var cut: UInt32
    var alias: UInt32
    var outcomes: (ProductOutcome, ProductOutcome)
}

/// What a draw gives of one product: price in cents, running promotion (-1: none) and its
/// discount in hundredths of a percent (0 without one).
struct ProductOutcome {
    var priceCents: Int32
    var promotion: Int32
    var percentHundredths: Int32
}

/// What a sales line draws: a product, its price in cents, its running promotion (-1: none) and
/// that promotion's discount in hundredths of a percent (0 without one).
struct ProductDraw {
    var product: Int
    var priceCents: Int64
    var promotion: Int32
    var percentHundredths: Int32

    @inline(__always)
    init(product: Int, _ outcome: ProductOutcome) {
        self.product = product
        priceCents = Int64(outcome.priceCents)
        promotion = outcome.promotion
        percentHundredths = outcome.percentHundredths
    }
}

/// A day's product popularity sampler fused with the day's offers: drawing a product and reading
/// its price and promotion is one random memory read instead of two dependent ones (the alias
/// slot, then the product's offer), which is what a sales line otherwise waits for.
///
/// Slot `p` also holds product `p`'s own offer, so ``offer(of:)`` reads any product's offer.
///
/// - Complexity: O(products) to build; O(1) and one 32-byte read per draw.
final class ProductDrawTable: @unchecked Sendable {
    /// The slots, in memory that is not written after `init`.
    private var memory: AlignedBufferBuilder
    private let slots: UnsafeMutablePointer<ProductDrawSlot>
    /// The number of products.
    let count: Int

    /// The table sampling `sampler`'s distribution, with product `p`'s price `prices[p]` (cents,
    /// below 2^31), promotion `promotions[p]` (-1: none) and discounts from `percentHundredths`.
    init(sampler: AliasTable, prices: [Int64], promotions: [Int32], percentHundredths: [Int32]) {
        let n = sampler.count
        precondition(prices.count == n && promotions.count == n, "one price and one promotion per product")
        count = n
        // draw(_:_:) reads the slot by byte offsets: the layout must be the one drawn above.
        precondition(MemoryLayout<ProductDrawSlot>.stride == 32 && MemoryLayout<ProductOutcome>.stride == 12
                     && MemoryLayout<ProductDrawSlot>.offset(of: \.outcomes) == 8, "unexpected ProductDrawSlot layout")
        let bytes = n * MemoryLayout<ProductDrawSlot>.stride
        memory = AlignedBufferBuilder(capacity: bytes)
        memory.reserve(bytes)
        slots = memory.end.bindMemory(to: ProductDrawSlot.self, capacity: n)
        memory.advance(by: bytes)
        for j in 0..<n {
            let (cut, alias) = sampler.slot(j)
            guard let slotPrice = Int32(exactly: prices[j]), let aliasPrice = Int32(exactly: prices[alias]) else {
                preconditionFailure("product prices must stay below 2^31 cents")
            }
            func outcome(_ price: Int32, _ q: Int32) -> ProductOutcome {
                ProductOutcome(priceCents: price, promotion: q, percentHundredths: q >= 0 ? percentHundredths[Int(q)] : 0)
            }
            (slots + j).initialize(to: ProductDrawSlot(
                cut: cut, alias: UInt32(alias),
                outcomes: (outcome(slotPrice, promotions[j]), outcome(aliasPrice, promotions[alias]))))
        }
    }

    /// The slot `random` falls in: the same as ``AliasTable/sample(_:)`` computes.
    @inline(__always)
    func slotIndex(_ random: UInt64) -> Int {
        Int(truncatingIfNeeded: UInt64(count).multipliedFullWidth(by: random).high)
    }

    /// The product `random` draws, as ``AliasTable/sample(_:)`` of the sampler draws it, with its offer.
    @inline(__always)
    func draw(_ random: UInt64) -> ProductDraw {
        draw(random, slotIndex(random))
    }

    /// ``draw(_:)`` of a slot found before (``slotIndex(_:)`` of the same `random`).
    ///
    /// Branch free: which outcome a draw takes is a coin toss, and a branch on it would be
    /// mispredicted half the time, each time throwing away the reads started after it.
    @inline(__always)
    func draw(_ random: UInt64, _ slot: Int) -> ProductDraw {
        let entry = UnsafeRawPointer(slots + slot)
        let cut = entry.load(as: UInt32.self), alias = entry.load(fromByteOffset: 4, as: UInt32.self)
        // 1 when the draw takes the alias (its low 32 bits r >= cut), else 0: the carry out of
        // r + (2^32 - cut), written so that the compiler sees no comparison to branch on.
        let o = Int(truncatingIfNeeded: (UInt64(UInt32(truncatingIfNeeded: random)) &+ UInt64(~cut) &+ 1) >> 32)
        let outcome = entry.load(fromByteOffset: 8 + 12 * o, as: ProductOutcome.self)
        return ProductDraw(product: slot ^ ((slot ^ Int(alias)) & (0 &- o)), outcome)
    }

    /// Product `p`'s offer (`p` in `0..<count`).
    @inline(__always)
    func offer(of p: Int) -> ProductDraw { ProductDraw(product: p, slots[p].outcomes.0) }
}
