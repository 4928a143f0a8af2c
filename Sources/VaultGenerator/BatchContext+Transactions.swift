// BatchContext+Transactions.swift: the sales lines, the bulk of the feed.

import VaultColumnar

/// One stretch of transactions that may appear in today's batch: those of day `snapshot.day`
/// whose delay is `day - snapshot.day` (0: on time; 1-3: late arrivals).
struct TransactionSegment {
    let snapshot: DaySnapshot
    let first: Int
    let count: Int
    let delay: Int
}

extension BatchContext {
    /// The segments of candidate transactions of today's batch, in output order: today's, then
    /// the late arrivals of yesterday, the day before, and three days ago.
    func transactionSegments() -> [TransactionSegment] {
        var segments: [TransactionSegment] = []
        for d in stride(from: day, through: max(0, day - RetailGenerator.maximumDelay), by: -1) {
            if d < day && late53 == 0 { break }
            guard let snapshot = snapshots.first(where: { $0.day == d }) else { preconditionFailure("no snapshot of day \(d)") }
            segments.append(TransactionSegment(snapshot: snapshot, first: state.plan.firstTransaction(day: d),
                                               count: state.plan.transactions(day: d), delay: day - d))
        }
        return segments
    }

    /// The delay (0: on time, 1-3 batches late) of transaction `t`.
    @inline(__always)
    func delay(ofTransaction t: Int) -> Int {
        guard late53 != 0 else { return 0 }
        let h = counterHash(seed, .late, t)
        return (h >> 11) < late53 ? 1 + Int(h & 0xFF) % RetailGenerator.maximumDelay : 0
    }

    /// Today's `transactions` rows: this shard's part of the candidate transactions, in chunks.
    func transactionTable(threads: Int) -> Table {
        let segments = transactionSegments()
        let total = segments.reduce(0) { $0 + $1.count }
        let template = templates[6]
        return emitTables(count: total, threads: threads, tables: 1) { range in
            var lines = SalesLineColumns(capacity: range.count * 5)
            defer { lines.release() }
            var position = 0
            for segment in segments {
                let lower = max(range.lowerBound, position), upper = min(range.upperBound, position + segment.count)
                if lower < upper {
                    for t in (segment.first + lower - position)..<(segment.first + upper - position)
                    where delay(ofTransaction: t) == segment.delay {
                        transactionLines(t, segment.snapshot, &lines)
                    }
                }
                position += segment.count
            }
            return [lines.table(like: template)]
        }[0]
    }

    @inline(__always)
    static func contains(_ chosen: (Int, Int, Int, Int, Int), _ p: Int) -> Bool {
        chosen.0 == p || chosen.1 == p || chosen.2 == p || chosen.3 == p || chosen.4 == p
    }

    @inline(__always)
    static func remember(_ chosen: inout (Int, Int, Int, Int, Int), _ k: Int, _ p: Int) {
        switch k {
        case 0: chosen.0 = p
        case 1: chosen.1 = p
        case 2: chosen.2 = p
        case 3: chosen.3 = p
        default: chosen.4 = p
        }
    }

    /// Appends the 1-5 lines of transaction `t` of the snapshot's day.
    @inline(__always)
    private func transactionLines(_ t: Int, _ snapshot: DaySnapshot, _ c: inout SalesLineColumns) {
        var s = DrawStream(seed, .transaction, t)
        let lineRandom = s.below(100)
        var lineCount = 1
        while VolumePlan.linesCumulative[lineCount - 1] <= lineRandom { lineCount += 1 }
        let time = Int64(8 * 3600 + s.below(14 * 3600)) * 1_000_000
        let u = s.unit()
        var customer = Int(Double(snapshot.customers) * u * u.squareRoot())
        if early53 != 0 && s.chance(early53) && snapshot.futureCustomers > snapshot.customers {
            customer = snapshot.customers + s.below(snapshot.futureCustomers - snapshot.customers)
        }
        let store = snapshot.storeSampler.sample(s.next())
        let paymentRandom = s.below(100)
        var payment = 0
        while Vocabulary.paymentCumulative[payment] <= paymentRandom { payment += 1 }
        let dirty = keyNoise16 != 0 || null16 != 0 || blank16 != 0
        let date = snapshot.date
        let noise16 = keyNoise16

        // A product appears on one line of a transaction (its quantity says how many): redraw a
        // repeat a few times, then take the next unused product, so every draw stays deterministic.
        var chosen: (Int, Int, Int, Int, Int) = (-1, -1, -1, -1, -1)
        for line in 1...lineCount {
            var product = snapshot.productSampler.sample(s.next())
            var tries = 0
            while snapshot.priceCents.count > lineCount && Self.contains(chosen, product) {
                tries += 1
                product = tries < 8 ? snapshot.productSampler.sample(s.next()) : (product + 1) % snapshot.priceCents.count
            }
            Self.remember(&chosen, line - 1, product)
            let quantityRandom = s.below(100)
            let quantity: Int64 = quantityRandom < 55 ? 1 : quantityRandom < 80 ? 2 : quantityRandom < 92 ? 3
                                : quantityRandom < 97 ? 4 : 5
            let promotion = Int(snapshot.promotion[product])
            let price = snapshot.priceCents[product]
            let gross = price * quantity
            let discount = promotion >= 0
                ? (gross * Int64(snapshot.percentHundredths[promotion]) + 5000) / 10000 : 0
            let tax = ((gross - discount) * 8 + 50) / 100
            // Dirt: four 16-bit fields per word.
            let d1 = dirty ? s.next() : 0, d2 = dirty ? s.next() : 0
            let blank = dirty && (d2 >> 16) & 0xFFFF < blank16
            let blankCustomer = blank && d2 >> 63 == 0
            let blankForm = Int(d2 >> 60) & 3
            let row = c.rows

            c.transactionID.append(row: row) { $0.key(.transaction, t + 1, noise: KeyNoise.draw(d1, threshold: noise16)) }
            c.lineNumber.set(row, Int32(line))
            c.date.set(row, date)
            c.time.set(row, time)
            if blankCustomer { c.customerID.appendBlank(row: row, blankForm) } else {
                c.customerID.append(row: row) {
                    $0.key(.customer, customer + 1, noise: KeyNoise.draw(d1 >> 16, threshold: noise16))
                }
            }
            if blank && !blankCustomer { c.productID.appendBlank(row: row, blankForm) } else {
                c.productID.append(row: row) {
                    $0.key(.product, product + 1, noise: KeyNoise.draw(d1 >> 32, threshold: noise16))
                }
            }
            c.storeID.append(row: row) { $0.key(.store, store + 1, noise: KeyNoise.draw(d1 >> 48, threshold: noise16)) }
            c.promotionID.append(row: row) {
                $0.key(.promotion, max(promotion, 0), noise: KeyNoise.draw(d2, threshold: noise16))
            }
            c.quantity.set(row, Int32(quantity))
            c.unitPrice.set(row, price)
            c.discount.set(row, discount)
            c.tax.set(row, tax)
            if dirty && (d2 >> 32) & 0xFFFF < null16 { c.payment.setNull(row) } else { c.payment.set(row, Int32(payment)) }
            c.rows += 1
        }
    }
}

/// The thirteen columns of `transactions` for one chunk, built over raw memory.
struct SalesLineColumns {
    var rows = 0
    var transactionID: RawStringColumn
    var lineNumber: RawFixedColumn<Int32>
    var date: RawFixedColumn<Int32>
    var time: RawFixedColumn<Int64>
    var customerID: RawStringColumn
    var productID: RawStringColumn
    var storeID: RawStringColumn
    var promotionID: RawStringColumn
    var quantity: RawFixedColumn<Int32>
    var unitPrice: RawFixedColumn<Int64>
    var discount: RawFixedColumn<Int64>
    var tax: RawFixedColumn<Int64>
    var payment: RawFixedColumn<Int32>

    /// Room for `capacity` lines; keys are at most 24 bytes (noise adds two spaces).
    init(capacity: Int) {
        transactionID = RawStringColumn(capacity: capacity, maximumLength: 24)
        lineNumber = RawFixedColumn(capacity: capacity)
        date = RawFixedColumn(capacity: capacity)
        time = RawFixedColumn(capacity: capacity)
        customerID = RawStringColumn(capacity: capacity, maximumLength: 24)
        productID = RawStringColumn(capacity: capacity, maximumLength: 24)
        storeID = RawStringColumn(capacity: capacity, maximumLength: 24)
        promotionID = RawStringColumn(capacity: capacity, maximumLength: 24)
        quantity = RawFixedColumn(capacity: capacity)
        unitPrice = RawFixedColumn(capacity: capacity)
        discount = RawFixedColumn(capacity: capacity)
        tax = RawFixedColumn(capacity: capacity)
        payment = RawFixedColumn(capacity: capacity)
    }

    func release() {
        for s in [transactionID, customerID, productID, storeID, promotionID] { s.release() }
        for f in [lineNumber, date, quantity, payment] { f.release() }
        for f in [time, unitPrice, discount, tax] { f.release() }
    }

    /// The rows as a table with `template`'s name, schema and payment dictionary.
    func table(like template: Table) -> Table {
        let money = ColumnType.decimal(precision: 10, scale: 2)
        let columns = [
            transactionID.column(rows: rows), lineNumber.column(rows: rows, type: .int32),
            date.column(rows: rows, type: .date), time.column(rows: rows, type: .time),
            customerID.column(rows: rows), productID.column(rows: rows), storeID.column(rows: rows),
            promotionID.column(rows: rows), quantity.column(rows: rows, type: .int32),
            unitPrice.column(rows: rows, type: money), discount.column(rows: rows, type: money),
            tax.column(rows: rows, type: money),
            payment.column(rows: rows, type: .string, dictionary: template["payment_method"].dictionary),
        ]
        return try! Table(name: template.name, schema: template.schema, columns: columns)
    }
}

extension RawStringColumn {
    /// A missing business key in one of three spellings: NULL, empty, or three spaces.
    @inline(__always)
    mutating func appendBlank(row: Int, _ form: Int) {
        switch form {
        case 0, 3: appendNull(row: row)
        case 1: append(row: row) { _ in }
        default: append(row: row) { $0.word("   ") }
        }
    }
}
