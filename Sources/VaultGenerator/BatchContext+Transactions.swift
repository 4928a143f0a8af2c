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
        return emitTables(count: total, threads: threads, tables: 1) { range in
            var table = templates[6]
            table.withColumns { c in
                let lines = range.count * 5 / 2 + 64
                for i in c.indices {
                    let bytes = [0: 12, 4: 8, 5: 7, 6: 5, 7: 8][i] ?? 0
                    c[i].reserve(rows: lines, stringBytes: lines * bytes)
                }
                var position = 0
                for segment in segments {
                    let lower = max(range.lowerBound, position), upper = min(range.upperBound, position + segment.count)
                    if lower < upper {
                        for t in (segment.first + lower - position)..<(segment.first + upper - position)
                        where delay(ofTransaction: t) == segment.delay {
                            transactionLines(t, segment.snapshot, &c)
                        }
                    }
                    position += segment.count
                }
            }
            return [table]
        }[0]
    }

    /// Appends the 1-5 lines of transaction `t` of the snapshot's day.
    @inline(__always)
    private func transactionLines(_ t: Int, _ snapshot: DaySnapshot, _ c: inout [Column]) {
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

        for line in 1...lineCount {
            let product = snapshot.productSampler.sample(s.next())
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

            c[0].appendText(24) { $0.key("T", t + 1, width: 11, noise: KeyNoise.draw(d1, threshold: keyNoise16)) }
            c[1].append(Int32(line))
            c[2].append(date)
            c[3].append(time)
            if blankCustomer { c[4].appendBlank(blankForm) } else {
                c[4].appendText(24) { $0.key("C", customer + 1, width: 7, noise: KeyNoise.draw(d1 >> 16, threshold: keyNoise16)) }
            }
            if blank && !blankCustomer { c[5].appendBlank(blankForm) } else {
                c[5].appendText(24) { $0.key("P", product + 1, width: 6, noise: KeyNoise.draw(d1 >> 32, threshold: keyNoise16)) }
            }
            c[6].appendText(24) { $0.key("S", store + 1, width: 4, noise: KeyNoise.draw(d1 >> 48, threshold: keyNoise16)) }
            c[7].appendText(24) { $0.key("PROMO", max(promotion, 0), width: 3, noise: KeyNoise.draw(d2, threshold: keyNoise16)) }
            c[8].append(Int32(quantity))
            c[9].append(price)
            c[10].append(discount)
            c[11].append(tax)
            c[12].append(code: payment, null: dirty && (d2 >> 32) & 0xFFFF < null16)
        }
    }
}

extension Column {
    /// A missing business key in one of three spellings: NULL, empty, or three spaces.
    @inline(__always)
    mutating func appendBlank(_ form: Int) {
        switch form {
        case 0, 3: appendNull()
        case 1: appendText(0) { _ in }
        default: appendText(3) { $0.word("   ") }
        }
    }
}
