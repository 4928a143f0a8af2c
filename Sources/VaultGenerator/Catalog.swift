// Catalog.swift: attribute values as pure functions of (seed, entity, attribute group, version).

/// The attribute values of every entity, computed from counters, never from a shared sequence:
/// any row can be generated alone, on any thread, in any shard.
struct Catalog: Sendable {
    let seed: UInt64
    let baseDay: Int

    // MARK: products

    /// The category (0..<8) and subcategory (0..<32) of product `p`.
    @inline(__always)
    func productClass(_ p: Int) -> (category: Int, subcategory: Int) {
        var s = DrawStream(seed, .productDetails, p, 0)
        let category = s.below(Vocabulary.categories.count)
        return (category, category * 4 + s.below(4))
    }

    /// The unit cost of product `p` in cents (fixed for the product's life).
    func productCostCents(_ p: Int) -> Int64 {
        let range = Vocabulary.categoryCostCents[productClass(p).category]
        var s = DrawStream(seed, .productCost, p)
        // Skew towards the cheap end: u^2.
        let u = s.unit()
        let cents = range.lowerBound + Int(Double(range.upperBound - range.lowerBound) * u * u)
        return Int64(cents)
    }

    /// The unit price of product `p` at price version `v`: cost times a margin in 1.2...2.5,
    /// rounded to cents, and ending in .99 cents for prices above $5.
    func productPriceCents(_ p: Int, cost: Int64, version v: Int) -> Int64 {
        var s = DrawStream(seed, .productPrice, p, v)
        let margin = 1.2 + 1.3 * s.unit()
        var cents = Int64((Double(cost) * margin).rounded())
        if cents > 500 { cents = cents / 100 * 100 + 99 }
        return max(cents, cost + 1)
    }

    /// The popularity rank of product `p` among `n0` initial products (new products are ranked too).
    func productRank(_ p: Int, among n: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: counterHash(seed, .productRank, p)).high)
    }

    // MARK: promotions

    /// Discount of promotion `q` in basis points of a percent (1500 = 15.00 %); 0 for `PROMO000`.
    func promotionPercentHundredths(_ q: Int) -> Int {
        guard q > 0 else { return 0 }
        var s = DrawStream(seed, .promotionDetails, q, 1)
        return [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 1250][s.below(10)]
    }

    /// Promotion type (index into `Vocabulary.promotionTypes`).
    func promotionType(_ q: Int) -> Int {
        guard q > 0 else { return Vocabulary.promotionTypes.count - 1 }
        var s = DrawStream(seed, .promotionDetails, q, 2)
        return s.below(Vocabulary.promotionTypes.count - 1)
    }

    // MARK: shared helpers

    /// A weighted choice with integer weights: the index whose share of the total the draw
    /// falls in, counted without branches (the running sums below the draw; see ``bucket(_:bounds:)``).
    @inline(__always)
    static func weighted(_ s: inout DrawStream, _ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        let r = s.below(total)
        var sum = 0, n = 0
        for i in 0..<weights.count - 1 {
            sum &+= weights[i]
            n &+= sum <= r ? 1 : 0
        }
        return n
    }
}
