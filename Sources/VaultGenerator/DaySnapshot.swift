// DaySnapshot.swift: the read-only view of one day's master data that sales lines are drawn from.

/// What a transaction line of day `day` needs: how many customers, products and stores exist,
/// each product's price and running promotion, and the popularity samplers. Immutable, shared by
/// all threads; kept for the last few days so late-arriving transactions use their own day's prices.
final class DaySnapshot: Sendable {
    let day: Int
    let date: Int32
    /// Customers sent by batch `day` (ids `0..<customers`).
    let customers: Int
    /// Customers sent by batch `day + 3`: the early-customer dirt draws from `customers..<futureCustomers`.
    let futureCustomers: Int
    let stores: Int
    /// Discount per promotion, in hundredths of a percent.
    let percentHundredths: [Int32]
    /// The product sampler with each product's price and the promotion running for it today.
    let productDraws: ProductDrawTable
    let storeSampler: AliasTable
    /// The day's transactions that arrive in a later batch.
    let late: LateArrivals

    /// The snapshot of `state`'s day; `lateThreshold` is the late-transactions dirt on 53 bits;
    /// the product sampler is built in `construction`.
    init(state: MasterState, storeSampler: AliasTable, lateThreshold: UInt64, construction: AliasConstruction) {
        day = state.day
        date = Int32(state.plan.date(day: state.day))
        customers = state.plan.customers(day: state.day)
        futureCustomers = max(customers, state.plan.customers(day: state.day + 3))
        stores = state.storeVersion.count
        let today = date
        precondition(state.productPrice.count == state.assigned.count, "one price and one assignment per product")
        percentHundredths = (0..<state.promotionStart.count).map { Int32(state.catalog.promotionPercentHundredths($0)) }
        productDraws = ProductDrawTable(weights: state.productWeight, prices: state.productPrice, promotion: { p in
            let q = state.assigned[p]
            return q >= 0 && state.isRunning(Int(q), on: today) ? q : -1
        }, percentHundredths: percentHundredths, construction: construction)
        self.storeSampler = storeSampler
        late = LateArrivals(seed: state.seed, threshold: lateThreshold, first: state.plan.firstTransaction(day: state.day),
                            count: state.plan.transactions(day: state.day))
    }

    /// The store sampler for `n` stores: Zipf-like (s = 0.8) over a seeded ranking of the stores.
    static func storeSampler(seed: UInt64, stores n: Int) -> AliasTable {
        let ranks = (0..<n).map { s in
            Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: counterHash(seed, .storeRank, s)).high)
        }
        return AliasTable(weights: AliasTable.zipfWeights(ranks: ranks, exponent: 0.8))
    }
}
