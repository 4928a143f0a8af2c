// MasterState.swift: the small per-entity state that evolves day by day, and each day's row plans.

/// One row of `product_promotions`: product `product` joined promotion `promotion` on `start`
/// (days since 1970) and left it on `end` (`nil`: still in it).
struct AssignmentRow: Equatable, Sendable {
    var product: Int32
    var promotion: Int32
    var start: Int32
    var end: Int32?
}

/// The state of every master entity: a few integers each (attribute-group versions, promotion
/// windows, product-promotion assignments). It evolves sequentially, one call per day, and is the
/// same in every shard; attribute values are derived from it by ``Catalog`` functions.
///
/// Daily change rates (per existing entity and day, from counter hashes of (seed, entity, day)):
/// customer segment 0.2 %, contact (email, phones) 0.5 %, address 0.1 %; product price 1 %,
/// product details 0.1 %; store details 0.3 %; promotion end date moved 2 % of running promotions;
/// a product in a promotion leaves it 3 %/day (or when the promotion ends), a product outside one
/// joins a running promotion 2 %/day (30 % of joins restart its previous promotion).
struct MasterState: Sendable {
    let seed: UInt64
    let plan: VolumePlan
    let catalog: Catalog
    let resend: UInt64

    /// The last day applied (-1: none yet).
    private(set) var day = -1

    var customerSegmentVersion: [Int32] = []
    var customerContactVersion: [Int32] = []
    var customerAddressVersion: [Int32] = []
    var productDetailsVersion: [Int32] = []
    var productPriceVersion: [Int32] = []
    var productCost: [Int64] = []
    var productPrice: [Int64] = []
    var productWeight: [Double] = []
    var storeVersion: [Int32] = []
    var promotionStart: [Int32] = []
    /// End date per promotion; `Int32.max` for the open-ended `PROMO000`.
    var promotionEnd: [Int32] = []
    var promotionVersion: [Int32] = []
    var assigned: [Int32] = []
    var assignedStart: [Int32] = []
    var lastPromotion: [Int32] = []

    /// Ids of the rows each master table sends today, ascending.
    var customerPlan: [Int32] = []
    var productPlan: [Int32] = []
    var storePlan: [Int32] = []
    var promotionPlan: [Int32] = []
    var assignmentPlan: [AssignmentRow] = []

    init(options: GeneratorOptions) {
        seed = options.seed
        plan = VolumePlan(options)
        catalog = Catalog(seed: options.seed, baseDay: plan.baseDay)
        resend = threshold53(options.dirt.resend)
    }

    /// Applies day `day + 1`: grows the entities, draws today's changes and builds today's plans.
    mutating func advance() {
        day += 1
        if day == 0 { initialise() } else { evolve(day) }
    }

    private mutating func initialise() {
        let nc = plan.customers(day: 0), np = plan.products(day: 0), ns = plan.stores(day: 0)
        customerSegmentVersion = Array(repeating: 0, count: nc)
        customerContactVersion = Array(repeating: 0, count: nc)
        customerAddressVersion = Array(repeating: 0, count: nc)
        customerPlan = (0..<Int32(nc)).map { $0 }
        addProducts(upTo: np)
        productPlan = (0..<Int32(np)).map { $0 }
        storeVersion = Array(repeating: 0, count: ns)
        storePlan = (0..<Int32(ns)).map { $0 }
        let base = Int32(plan.baseDay)
        promotionStart = [base - 3650]
        promotionEnd = [Int32.max]
        promotionVersion = [0]
        for q in 1..<plan.promotions(day: 0) {
            var s = DrawStream(seed, .promotionDetails, q, 0)
            let start = base - Int32(s.inRange(0...45))
            promotionStart.append(start)
            promotionEnd.append(start + Int32(s.inRange(14...75)))
            promotionVersion.append(0)
        }
        promotionPlan = (0..<Int32(promotionStart.count)).map { $0 }
        assigned = Array(repeating: -1, count: np)
        assignedStart = Array(repeating: 0, count: np)
        lastPromotion = Array(repeating: -1, count: np)
        let running = runningPromotions(on: base)
        assignmentPlan = []
        guard !running.isEmpty else { return }
        for p in 0..<np {
            var s = DrawStream(seed, .assignment, p, 0)
            guard s.below(100) < 15 else { continue }
            let q = running[s.below(running.count)]
            let start = max(promotionStart[Int(q)], base - Int32(s.inRange(0...14)))
            assigned[p] = q
            assignedStart[p] = start
            assignmentPlan.append(AssignmentRow(product: Int32(p), promotion: q, start: start, end: nil))
        }
    }

    private mutating func addProducts(upTo n: Int) {
        for p in productCost.count..<n {
            let cost = catalog.productCostCents(p)
            productCost.append(cost)
            productPrice.append(catalog.productPriceCents(p, cost: cost, version: 0))
            productDetailsVersion.append(0)
            productPriceVersion.append(0)
            productWeight.append(1 / powDouble(Double(catalog.productRank(p, among: plan.products0) + 1), 1.1))
        }
    }

    /// Promotions running on `date` (excluding `PROMO000`).
    func runningPromotions(on date: Int32) -> [Int32] {
        var result: [Int32] = []
        for q in 1..<promotionStart.count where promotionStart[q] <= date && date <= promotionEnd[q] {
            result.append(Int32(q))
        }
        return result
    }

    /// Whether promotion `q` runs on `date`.
    @inline(__always)
    func isRunning(_ q: Int, on date: Int32) -> Bool {
        promotionStart[q] <= date && date <= promotionEnd[q]
    }

    private mutating func evolve(_ k: Int) {
        let today = Int32(plan.date(day: k))
        // Customers: segment 0.2 %, contact 0.5 %, address 0.1 %; then new customers.
        let oldCustomers = customerSegmentVersion.count
        var changed: [Int32] = []
        for c in 0..<oldCustomers {
            let h = counterHash(seed, .customerChange, c, k)
            var any = false
            if h & 0xFFFF < 131 { customerSegmentVersion[c] += 1; any = true }
            if (h >> 16) & 0xFFFF < 328 { customerContactVersion[c] += 1; any = true }
            if (h >> 32) & 0xFFFF < 66 { customerAddressVersion[c] += 1; any = true }
            if any { changed.append(Int32(c)) }
        }
        customerPlan = mergedWithResends(changed, previous: customerPlan, purpose: .customerResend, day: k)
        let newCustomers = plan.customers(day: k)
        for c in oldCustomers..<max(newCustomers, oldCustomers) {
            customerSegmentVersion.append(0)
            customerContactVersion.append(0)
            customerAddressVersion.append(0)
            customerPlan.append(Int32(c))
        }

        // Products: price 1 %, details 0.1 %.
        let oldProducts = productCost.count
        changed = []
        for p in 0..<oldProducts {
            let h = counterHash(seed, .productChange, p, k)
            var any = false
            if h & 0xFFFF < 655 {
                productPriceVersion[p] += 1
                productPrice[p] = catalog.productPriceCents(p, cost: productCost[p], version: Int(productPriceVersion[p]))
                any = true
            }
            if (h >> 16) & 0xFFFF < 66 { productDetailsVersion[p] += 1; any = true }
            if any { changed.append(Int32(p)) }
        }
        productPlan = mergedWithResends(changed, previous: productPlan, purpose: .productResend, day: k)
        let newProducts = plan.products(day: k)
        addProducts(upTo: max(newProducts, oldProducts))
        for p in oldProducts..<productCost.count { productPlan.append(Int32(p)) }
        for _ in assigned.count..<productCost.count {
            assigned.append(-1)
            assignedStart.append(0)
            lastPromotion.append(-1)
        }

        // Stores: details 0.3 %.
        let oldStores = storeVersion.count
        changed = []
        for s in 0..<oldStores where counterHash(seed, .storeChange, s, k) & 0xFFFF < 197 {
            storeVersion[s] += 1
            changed.append(Int32(s))
        }
        storePlan = mergedWithResends(changed, previous: storePlan, purpose: .storeResend, day: k)
        for s in oldStores..<max(plan.stores(day: k), oldStores) {
            storeVersion.append(0)
            storePlan.append(Int32(s))
        }

        // Promotions: 2 % of running ones move their end date; new campaigns start within a week.
        let oldPromotions = promotionStart.count
        changed = []
        for q in 1..<oldPromotions where isRunning(q, on: today) {
            var s = DrawStream(seed, .promotionChange, q, k)
            guard s.below(100) < 2 else { continue }
            promotionEnd[q] = s.below(2) == 0 ? today : promotionEnd[q] + Int32(s.inRange(7...21))
            promotionVersion[q] += 1
            changed.append(Int32(q))
        }
        promotionPlan = mergedWithResends(changed, previous: promotionPlan, purpose: .promotionResend, day: k)
        for q in oldPromotions..<plan.promotions(day: k) {
            var s = DrawStream(seed, .promotionDetails, q, 0)
            let start = today + Int32(s.inRange(0...7))
            promotionStart.append(start)
            promotionEnd.append(start + Int32(s.inRange(7...35)))
            promotionVersion.append(0)
            promotionPlan.append(Int32(q))
        }

        evolveAssignments(k, today: today)
    }

    private mutating func evolveAssignments(_ k: Int, today: Int32) {
        let running = runningPromotions(on: today)
        var rows: [AssignmentRow] = []
        var previous = assignmentPlan.makeIterator()
        var nextPrevious = previous.next()
        for p in 0..<assigned.count {
            var s = DrawStream(seed, .assignmentChange, p, k)
            let q = Int(assigned[p])
            var event: AssignmentRow?
            if q >= 0 {
                if promotionEnd[q] < today || s.below(100) < 3 {
                    event = AssignmentRow(product: Int32(p), promotion: Int32(q), start: assignedStart[p],
                                          end: min(today, promotionEnd[q]))
                    lastPromotion[p] = Int32(q)
                    assigned[p] = -1
                }
            } else if !running.isEmpty && s.below(100) < 2 {
                let last = lastPromotion[p]
                let restart = last >= 0 && isRunning(Int(last), on: today) && s.below(10) < 3
                let chosen = restart ? last : running[s.below(running.count)]
                assigned[p] = chosen
                assignedStart[p] = today
                event = AssignmentRow(product: Int32(p), promotion: chosen, start: today, end: nil)
            }
            // Yesterday's row for this product, re-sent unchanged unless the product has news today.
            var resent: AssignmentRow?
            while let row = nextPrevious, Int(row.product) <= p {
                if Int(row.product) == p && counterChance(resend, seed, .assignmentResend, p, k) { resent = row }
                nextPrevious = previous.next()
            }
            if let event { rows.append(event) } else if let resent { rows.append(resent) }
        }
        assignmentPlan = rows
    }

    /// The ascending union of `changed` and the ids of `previous` chosen for re-sending today.
    private func mergedWithResends(_ changed: [Int32], previous: [Int32], purpose: Purpose, day k: Int) -> [Int32] {
        guard resend > 0 else { return changed }
        var result: [Int32] = []
        result.reserveCapacity(changed.count + previous.count / 32)
        var i = 0
        for id in previous where counterChance(resend, seed, purpose, Int(id), k) {
            while i < changed.count && changed[i] < id { result.append(changed[i]); i += 1 }
            if i < changed.count && changed[i] == id { continue }
            result.append(id)
        }
        result.append(contentsOf: changed[i...])
        return result
    }
}
