// ProductDrawTable.swift: a day's product sampler and offers, laid out for one sales line's draw.

import CVaultPages
import VaultColumnar

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

/// A day's product popularity sampler (see ``AliasTable``) beside the day's offers, laid out for
/// a sales line's one draw: the slot (cut and alias, 8 bytes, uniformly spread, an array small
/// enough for the L2 cache at 100,000 products), then the drawn product's offer (12 bytes, in an
/// array indexed by product, where Zipf popularity keeps the popular ones cached).
///
/// ```
///  memory:  | slots: n × (cut u32 | alias u32), padded to 64 | offers: n × (price | promo | percent) |
/// ```
///
/// Which product a slot gives is a coin toss (the draw's low 32 bits against the cut), so the
/// choice is made without a branch: a mispredicted branch would throw away the reads of the other
/// draws started after it (see ``ProductLookahead``).
///
/// - Complexity: O(products) to build (its alias construction's memory is reused from day to
///   day); O(1) and two reads per draw, 20 bytes per product.
final class ProductDrawTable: @unchecked Sendable {
    /// The slots and offers, in memory that is not written after `init`.
    private var memory: AlignedBufferBuilder
    private let slots: UnsafeMutablePointer<UInt64>
    private let outcomes: UnsafeMutablePointer<ProductOutcome>
    /// The number of products.
    let count: Int

    /// The table sampling index `p` with probability `weights[p] / sum(weights)` (built in
    /// `construction`), with product `p`'s price `prices[p]` (cents, below 2^31), running
    /// promotion `promotion(p)` (-1: none) and discounts from `percentHundredths`.
    init(weights: [Double], prices: [Int64], promotion: (Int) -> Int32, percentHundredths: [Int32],
         construction: AliasConstruction) {
        let n = weights.count
        precondition(prices.count == n, "one price per product")
        construction.build(weights)
        count = n
        let slotBytes = (n * 8 + 63) / 64 * 64
        let bytes = slotBytes + n * MemoryLayout<ProductOutcome>.stride
        memory = AlignedBufferBuilder(capacity: bytes)
        memory.reserve(bytes)
        slots = memory.end.bindMemory(to: UInt64.self, capacity: n)
        outcomes = (memory.end + slotBytes).bindMemory(to: ProductOutcome.self, capacity: n)
        memory.advance(by: bytes)
        let cuts = construction.cut, aliases = construction.alias
        for j in 0..<n {
            (slots + j).initialize(to: UInt64(cuts[j]) | UInt64(UInt32(bitPattern: aliases[j])) << 32)
            guard let price = Int32(exactly: prices[j]) else { preconditionFailure("product prices must stay below 2^31 cents") }
            let q = promotion(j)
            (outcomes + j).initialize(to: ProductOutcome(priceCents: price, promotion: q,
                                                         percentHundredths: q >= 0 ? percentHundredths[Int(q)] : 0))
        }
    }

    /// The slot `random` falls in: the same as ``AliasTable/sample(_:)`` computes.
    @inline(__always)
    func slotIndex(_ random: UInt64) -> Int {
        Int(truncatingIfNeeded: UInt64(count).multipliedFullWidth(by: random).high)
    }

    /// Starts reading what the draw of `random` will read: its slot and the offer of the slot's
    /// own product (the alias's offer is known only from the slot; aliases are the popular
    /// products, mostly in the cache already). Issued a block ahead of the draws (see
    /// ``ProductLookahead``), the reads arrive while the block's openings are computed.
    @inline(__always)
    func prefetch(_ random: UInt64) {
        let slot = slotIndex(random)
        vault_prefetch(slots + slot)
        vault_prefetch(outcomes + slot)
    }

    /// The product `random` draws, as ``AliasTable/sample(_:)`` draws it, with its offer.
    @inline(__always)
    func draw(_ random: UInt64) -> ProductDraw { offer(of: product(random)) }

    /// The product `random` draws, as ``AliasTable/sample(_:)`` draws it.
    @inline(__always)
    func product(_ random: UInt64) -> Int {
        let slot = slotIndex(random)
        let entry = slots[slot]
        let cut = UInt32(truncatingIfNeeded: entry), alias = Int(entry >> 32)
        // 1 when the draw takes the alias (its low 32 bits r >= cut), else 0: the carry out of
        // r + (2^32 - cut), written so that the compiler sees no comparison to branch on.
        let o = Int(truncatingIfNeeded: (UInt64(UInt32(truncatingIfNeeded: random)) &+ UInt64(~cut) &+ 1) >> 32)
        return slot ^ ((slot ^ alias) & (0 &- o))
    }

    /// Starts reading product `p`'s offer (see ``prefetch(_:)``).
    @inline(__always)
    func prefetchOffer(of p: Int) { vault_prefetch(outcomes + p) }

    /// Product `p`'s offer (`p` in `0..<count`).
    @inline(__always)
    func offer(of p: Int) -> ProductDraw { ProductDraw(product: p, outcomes[p]) }
}
