// BatchContext+Transactions.swift: the sales lines, the bulk of the feed.

import VaultColumnar

/// One stretch of transactions that may appear in today's batch: those of day `snapshot.day`
/// whose delay is `day - snapshot.day` (0: on time; 1-3: late arrivals).
struct TransactionSegment {
    let snapshot: DaySnapshot
    let first: Int
    let count: Int
    let delay: Int

    /// How many of the transactions at `offsets` (of the day) belong to this segment.
    func arrivals(in offsets: Range<Int>) -> Int { snapshot.late.count(in: offsets, delay: delay) }
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

    /// Today's `transactions` rows: this shard's part of the candidate transactions, in chunks.
    ///
    /// Transactions are emitted in blocks of ``ProductLookahead/blockSize``: a first pass draws
    /// each block's openings and looks up the products its lines will draw, a second writes the
    /// lines (see ``ProductLookahead`` for why). Which transactions are late comes from each
    /// day's ``LateArrivals``, drawn once per day.
    func transactionTable(threads: Int) -> Table {
        let segments = transactionSegments()
        let total = segments.reduce(0) { $0 + $1.count }
        let template = templates[6]
        return emitTables(count: total, threads: threads, tables: 1) { range in
            // The part of each segment in `range`, as offsets into its day.
            var parts: [(segment: TransactionSegment, offsets: Range<Int>)] = []
            var position = 0
            for segment in segments {
                let lower = max(range.lowerBound, position), upper = min(range.upperBound, position + segment.count)
                if lower < upper { parts.append((segment, (lower - position)..<(upper - position))) }
                position += segment.count
            }
            var lines = SalesLineColumns(transactions: parts.reduce(0) { $0 + $1.segment.arrivals(in: $1.offsets) })
            var lookahead = ProductLookahead()
            for (segment, offsets) in parts {
                let snapshot = segment.snapshot, late = snapshot.late
                let promotionKeys = (0..<snapshot.percentHundredths.count).map { SpelledKey(.promotion, $0) }
                var next = late.firstIndex(atOrAfter: offsets.lowerBound)
                if segment.delay == 0 {
                    // Every transaction of the day but the late ones.
                    for i in offsets {
                        if next < late.offsets.count && Int(late.offsets[next]) == i { next += 1; continue }
                        if lookahead.add(segment.first + i) {
                            transactionBlock(snapshot, promotionKeys, &lookahead, &lines)
                        }
                    }
                } else {
                    // The late ones whose delay brings them to today.
                    while next < late.offsets.count && Int(late.offsets[next]) < offsets.upperBound {
                        if Int(late.delays[next]) == segment.delay {
                            if lookahead.add(segment.first + Int(late.offsets[next])) {
                                transactionBlock(snapshot, promotionKeys, &lookahead, &lines)
                            }
                        }
                        next += 1
                    }
                }
                transactionBlock(snapshot, promotionKeys, &lookahead, &lines)
            }
            return [lines.table(like: template)]
        }[0]
    }

    /// Whether sales lines draw dirt (two more random words per line).
    var dirtyLines: Bool { keyNoise16 != 0 || null16 != 0 || blank16 != 0 }

    /// Emits the transactions pending in `lookahead` (all of the snapshot's day) and empties it.
    /// Its lines are written through cursors reserved for exactly the block's lines (see
    /// ``SalesLineCursors``), counted into the columns once at the end.
    private func transactionBlock(_ snapshot: DaySnapshot, _ promotionKeys: [SpelledKey?],
                                  _ lookahead: inout ProductLookahead, _ c: inout SalesLineColumns) {
        let rows = scheduleBlock(snapshot, &lookahead)
        lookahead.fetch(from: snapshot.productDraws)
        writeBlock(snapshot, promotionKeys, lookahead, rows: rows, &c)
        lookahead.removeAll()
    }

    /// Draws the openings of the block's transactions and schedules (and prefetches) their
    /// product draws; returns the block's number of lines.
    @inline(never)
    private func scheduleBlock(_ snapshot: DaySnapshot, _ lookahead: inout ProductLookahead) -> Int {
        let drawsPerLine = dirtyLines ? 4 : 2
        var rows = 0
        for b in 0..<lookahead.count {
            let opening = self.opening(lookahead.transaction(b), snapshot)
            rows += opening.lineCount
            lookahead.schedule(opening, drawsPerLine: drawsPerLine, prefetching: snapshot.productDraws)
        }
        return rows
    }

    /// Writes the `rows` lines of the block's scheduled and fetched transactions. A function of
    /// its own, small enough that the optimiser inlines ``transactionLines`` into its loop (it stops
    /// inlining into very large functions), so the cursors stay in registers.
    @inline(never)
    private func writeBlock(_ snapshot: DaySnapshot, _ promotionKeys: [SpelledKey?], _ lookahead: borrowing ProductLookahead,
                            rows: Int, _ c: inout SalesLineColumns) {
        var w = c.cursors(rows: rows)
        var row = 0
        let fetched = lookahead.fetched
        for b in 0..<lookahead.count {
            transactionLines(lookahead.transaction(b), lookahead.opening(b), snapshot, promotionKeys, fetched, block: b,
                             row: &row, w: &w, c: &c)
        }
        c.commit(w, rows: rows)
    }

    /// The draws of transaction `t` before its lines.
    @inline(__always)
    private func opening(_ t: Int, _ snapshot: DaySnapshot) -> TransactionOpening {
        var s = DrawStream(seed, .transaction, t)
        let lineRandom = s.below(100)
        let lineCount = 1 + bucket(lineRandom, bounds: VolumePlan.linesCumulative)
        let time = Int64(8 * 3600 + s.below(14 * 3600)) * 1_000_000
        let u = s.unit()
        var customer = Int(Double(snapshot.customers) * u * u.squareRoot())
        if early53 != 0 && s.chance(early53) && snapshot.futureCustomers > snapshot.customers {
            customer = snapshot.customers + s.below(snapshot.futureCustomers - snapshot.customers)
        }
        let store = snapshot.storeSampler.sample(s.next())
        let paymentRandom = s.below(100)
        let payment = bucket(paymentRandom, bounds: Vocabulary.paymentCumulative)
        return TransactionOpening(stream: s, lineCount: lineCount, time: time, customer: customer, store: store,
                                  payment: payment)
    }

    /// A line's quantity is 1 plus how many of these its random number (0..<100) reaches:
    /// 1-5 with probabilities .55 .25 .12 .05 .03.
    static let quantityBounds = [55, 80, 92, 97]

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

    /// Writes the 1-5 lines of transaction `t` of the snapshot's day, which opened with `opening`,
    /// as rows `row...` of the block through `w` (advancing `row`); its products come from the
    /// lookahead while no repeat has shifted the draws. NULLs are recorded in `c`.
    @inline(__always)
    private func transactionLines(_ t: Int, _ opening: TransactionOpening, _ snapshot: DaySnapshot,
                                  _ promotionKeys: [SpelledKey?], _ fetched: FetchedDraws,
                                  block b: Int, row: inout Int, w: inout SalesLineCursors,
                                  c: inout SalesLineColumns) {
        var s = opening.stream
        let lineCount = opening.lineCount, time = opening.time, customer = opening.customer
        let store = opening.store, payment = opening.payment
        let dirty = dirtyLines
        let date = snapshot.date
        let draws = snapshot.productDraws
        let noise16 = keyNoise16
        // The keys every line repeats, spelled once.
        let transactionKey = SpelledKey.transaction(t + 1), customerKey = SpelledKey.customer(customer + 1)
        let storeKey = SpelledKey.store(store + 1)

        // A product appears on one line of a transaction (its quantity says how many): redraw a
        // repeat a few times, then take the next unused product, so every draw stays deterministic.
        var chosen: (Int, Int, Int, Int, Int) = (-1, -1, -1, -1, -1)
        var onSchedule = true
        for line in 1...lineCount {
            var draw: ProductDraw
            if onSchedule {
                draw = fetched.draw(block: b, line: line - 1)
                assert(draw.product == draws.draw(s.peek(1)).product, "lookahead out of step")
                s.skip()
            } else {
                draw = draws.draw(s.next())
            }
            var tries = 0
            while draws.count > lineCount && Self.contains(chosen, draw.product) {
                tries += 1
                draw = tries < 8 ? draws.draw(s.next()) : draws.offer(of: (draw.product + 1) % draws.count)
            }
            // Redraws move every later draw of this transaction: draw from here on.
            if tries > 0 { onSchedule = false }
            let product = draw.product
            Self.remember(&chosen, line - 1, product)
            let quantityRandom = s.below(100)
            let quantity = Int64(1 + bucket(quantityRandom, bounds: Self.quantityBounds))
            let promotion = Int(draw.promotion)
            let price = draw.priceCents
            let gross = price * quantity
            // No promotion has a discount of 0 %, so this is 0 then.
            let discount = (gross * Int64(draw.percentHundredths) + 5000) / 10000
            let tax = ((gross - discount) * 8 + 50) / 100
            // Dirt: four 16-bit fields per word.
            let d1 = dirty ? s.next() : 0, d2 = dirty ? s.next() : 0
            let blank = dirty && (d2 >> 16) & 0xFFFF < blank16
            let blankCustomer = blank && d2 >> 63 == 0
            let blankForm = Int(d2 >> 60) & 3
            let i = row
            row += 1
            w.transactionID.setKey(i, transactionKey, .transaction, t + 1, noise: KeyNoise.draw(d1, threshold: noise16))
            w.lineNumber.set(i, Int32(line))
            w.date.set(i, date)
            w.time.set(i, time)
            if blankCustomer { w.customerID.setBlank(i, blankForm, &c.customerID) } else {
                w.customerID.setKey(i, customerKey, .customer, customer + 1, noise: KeyNoise.draw(d1 >> 16, threshold: noise16))
            }
            if blank && !blankCustomer { w.productID.setBlank(i, blankForm, &c.productID) } else {
                w.productID.setKey(i, SpelledKey.product(product + 1), .product, product + 1,
                                   noise: KeyNoise.draw(d1 >> 32, threshold: noise16))
            }
            w.storeID.setKey(i, storeKey, .store, store + 1, noise: KeyNoise.draw(d1 >> 48, threshold: noise16))
            let promotionNumber = max(promotion, 0)
            w.promotionID.setKey(i, promotionKeys[promotionNumber], .promotion, promotionNumber,
                                 noise: KeyNoise.draw(d2, threshold: noise16))
            w.quantity.set(i, Int32(quantity))
            w.unitPrice.set(i, price)
            w.discount.set(i, discount)
            w.tax.set(i, tax)
            w.payment.set(i, Int32(payment), null: dirty && (d2 >> 32) & 0xFFFF < null16, in: &c.payment)
        }
    }
}

/// The draws of a transaction before its lines; `stream` is positioned at its first product draw.
struct TransactionOpening {
    var stream: DrawStream
    let lineCount: Int
    let time: Int64
    let customer: Int
    let store: Int
    let payment: Int
}

/// The thirteen columns of `transactions` for one chunk, written straight into their buffers.
struct SalesLineColumns: ~Copyable {
    var transactionID: StringColumnBuilder
    var lineNumber: FixedColumnBuilder<Int32>
    var date: FixedColumnBuilder<Int32>
    var time: FixedColumnBuilder<Int64>
    var customerID: StringColumnBuilder
    var productID: StringColumnBuilder
    var storeID: StringColumnBuilder
    var promotionID: StringColumnBuilder
    var quantity: FixedColumnBuilder<Int32>
    var unitPrice: FixedColumnBuilder<Int64>
    var discount: FixedColumnBuilder<Int64>
    var tax: FixedColumnBuilder<Int64>
    var payment: FixedColumnBuilder<Int32>

    /// Room for the lines of `transactions` transactions (2.5 on average; 2.625 reserved, so the
    /// buffers almost never grow) before the buffers grow. Keys take their clean width plus one
    /// byte per row (noise adds up to two spaces to one key in a hundred).
    init(transactions: Int) {
        let rows = transactions * 21 / 8 + 64
        transactionID = StringColumnBuilder(rows: rows, bytesPerRow: 13)
        lineNumber = FixedColumnBuilder(rows: rows)
        date = FixedColumnBuilder(rows: rows)
        time = FixedColumnBuilder(rows: rows)
        customerID = StringColumnBuilder(rows: rows, bytesPerRow: 9)
        productID = StringColumnBuilder(rows: rows, bytesPerRow: 8)
        storeID = StringColumnBuilder(rows: rows, bytesPerRow: 6)
        promotionID = StringColumnBuilder(rows: rows, bytesPerRow: 9)
        quantity = FixedColumnBuilder(rows: rows)
        unitPrice = FixedColumnBuilder(rows: rows)
        discount = FixedColumnBuilder(rows: rows)
        tax = FixedColumnBuilder(rows: rows)
        payment = FixedColumnBuilder(rows: rows)
    }

    /// The rows as a table with `template`'s name, schema, types and payment dictionary.
    consuming func table(like template: Table) -> Table {
        let t = template.columns
        let columns = [
            transactionID.column(), lineNumber.column(like: t[1]), date.column(like: t[2]), time.column(like: t[3]),
            customerID.column(), productID.column(), storeID.column(), promotionID.column(),
            quantity.column(like: t[8]), unitPrice.column(like: t[9]), discount.column(like: t[10]),
            tax.column(like: t[11]), payment.column(like: t[12]),
        ]
        return try! Table(name: template.name, schema: template.schema, columns: columns)
    }
}

/// Write positions into the thirteen columns of `transactions` for one block of lines (see
/// ``StringColumnCursor``): plain values the writing function keeps in registers.
struct SalesLineCursors {
    var transactionID, customerID, productID, storeID, promotionID: StringColumnCursor
    let lineNumber, date, quantity, payment: FixedColumnCursor<Int32>
    let time, unitPrice, discount, tax: FixedColumnCursor<Int64>
}

extension SalesLineColumns {
    /// Room for `rows` more lines in every column, to write through the cursors returned (every
    /// line must be written).
    mutating func cursors(rows n: Int) -> SalesLineCursors {
        SalesLineCursors(transactionID: transactionID.cursor(rows: n), customerID: customerID.cursor(rows: n),
                         productID: productID.cursor(rows: n), storeID: storeID.cursor(rows: n),
                         promotionID: promotionID.cursor(rows: n), lineNumber: lineNumber.claim(rows: n),
                         date: date.claim(rows: n), quantity: quantity.claim(rows: n), payment: payment.claim(rows: n),
                         time: time.claim(rows: n), unitPrice: unitPrice.claim(rows: n), discount: discount.claim(rows: n),
                         tax: tax.claim(rows: n))
    }

    /// Counts the `rows` lines written through `w` in the string columns (the fixed-width ones
    /// were claimed with their cursors).
    mutating func commit(_ w: SalesLineCursors, rows n: Int) {
        transactionID.commit(w.transactionID, rows: n)
        customerID.commit(w.customerID, rows: n)
        productID.commit(w.productID, rows: n)
        storeID.commit(w.storeID, rows: n)
        promotionID.commit(w.promotionID, rows: n)
    }
}

extension StringColumnCursor {
    /// Writes the business key of `kind` numbered `number` as row `i`, spelled according to
    /// `noise`: the clean spelling `key` (two 8-byte stores) when it is clean and was spelled,
    /// else the general writer, out of line (about one key in a hundred).
    @inline(__always)
    mutating func setKey(_ i: Int, _ key: SpelledKey?, _ kind: BusinessKeyKind, _ number: Int, noise: UInt64) {
        if noise == 0, let key {
            set(i, key)
        } else {
            close(i, length: Self.spell(bytes + end, kind, number, noise: noise))
        }
    }

    /// Writes the general spelling of a key at `target` (room for ``keyLength`` bytes);
    /// returns its length. Takes and returns plain values, so the caller's cursor stays in registers.
    @inline(never)
    static func spell(_ target: UnsafeMutableRawPointer, _ kind: BusinessKeyKind, _ number: Int, noise: UInt64) -> Int {
        var cursor = ByteCursor(base: target, limit: keyLength)
        cursor.key(kind, number, noise: noise)
        return cursor.count
    }

    /// Writes a missing business key as row `i` in one of three spellings: NULL (recorded in
    /// `builder`, out of line), empty, or three spaces.
    @inline(__always)
    mutating func setBlank(_ i: Int, _ form: Int, _ builder: inout StringColumnBuilder) {
        switch form {
        case 0, 3:
            close(i, length: 0)
            builder.markNull(blockRow: i)
        case 1: close(i, length: 0)
        default: set(i) { $0.word("   ") }
        }
    }
}
