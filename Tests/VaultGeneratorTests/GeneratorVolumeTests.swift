// GeneratorVolumeTests.swift: row counts, referential sanity, dirt, and option validation.

import Testing
import VaultColumnar
@testable import VaultGenerator

/// The texts of a string column (nil for NULL).
func strings(_ table: Table, _ column: String) -> [String?] {
    let c = table[column]
    return (0..<c.count).map { c.string(at: $0) }
}

/// Whether `key` is a clean business key: an upper-case prefix and digits, nothing else.
func isClean(_ key: String?, prefix: String) -> Bool {
    guard let key, key.hasPrefix(prefix) else { return false }
    let digits = key.dropFirst(prefix.count)
    return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
}

@Suite struct GeneratorVolumeTests {
    @Test func batchZeroIsTheFullExtract() {
        let options = GeneratorOptions(scale: 0.5, days: 1, dirt: .none)
        let batch = RetailGenerator(options: options).batch(0, threads: 1)
        #expect(batch["customers"].count == 500)
        #expect(batch["products"].count == 250)
        #expect(batch["stores"].count == 14)  // round(20 * sqrt(0.5))
        #expect(batch["promotions"].count == 35)  // round(50 * sqrt(0.5)), PROMO000 included
        #expect(strings(batch["promotions"], "promotion_id").first == "PROMO000")
        let phones = batch["customer_phones"].count
        #expect(phones >= 500 && phones <= 1500)
    }

    @Test func aWeekAtScaleOneHasAboutTenThousandLines() {
        let batches = allBatches(GeneratorOptions(scale: 1, days: 7, dirt: .none))
        let lines = batches.reduce(0) { $0 + $1["transactions"].count }
        #expect(abs(lines - 10_000) < 500, "7 days gave \(lines) lines")
        // Weekends are busier: 2024-01-06 (Saturday, batch 5) beats 2024-01-01 (Monday, batch 0).
        #expect(batches[5]["transactions"].count > batches[0]["transactions"].count)
    }

    @Test func laterBatchesCarryNewAndChangedMasterRowsOnly() {
        let options = GeneratorOptions(scale: 1, days: 3, dirt: .none)
        let batches = allBatches(options)
        let plan = VolumePlan(options)
        for k in 1..<3 {
            let customers = strings(batches[k]["customers"], "customer_id")
            let newCount = plan.customers(day: k) - plan.customers(day: k - 1)
            // New ones plus ~0.8 % changed: far fewer than the full extract.
            #expect(customers.count >= newCount && customers.count < 60, "batch \(k): \(customers.count) customers")
            #expect(customers == customers.sorted { $0! < $1! }, "customer rows are in id order")
            let products = batches[k]["products"].count
            #expect(products > 0 && products < 30, "batch \(k): \(products) products (about 1 % change price)")
        }
    }

    @Test func everyReferenceExistsByThenWithoutDirt() {
        let batches = allBatches(GeneratorOptions(scale: 0.2, days: 4, dirt: .none))
        var seen: [String: Set<String>] = ["customer_id": [], "product_id": [], "store_id": [], "promotion_id": []]
        for batch in batches {
            for (table, key) in [("customers", "customer_id"), ("products", "product_id"), ("stores", "store_id"),
                                 ("promotions", "promotion_id")] {
                seen[key]!.formUnion(strings(batch[table], key).map { $0! })
            }
            let sales = batch["transactions"]
            for key in ["customer_id", "product_id", "store_id", "promotion_id"] {
                let missing = strings(sales, key).filter { !seen[key]!.contains($0 ?? "NULL") }
                #expect(missing.isEmpty, "batch \(batch.index): \(key) \(missing.prefix(3)) not sent yet")
            }
            for key in ["product_id", "promotion_id"] {
                let missing = strings(batch["product_promotions"], key).filter { !seen[key]!.contains($0!) }
                #expect(missing.isEmpty, "batch \(batch.index): product_promotions.\(key) \(missing.prefix(3))")
            }
        }
    }

    @Test func pricesAreConsistentWithCostsAndPromotions() {
        let batch = RetailGenerator(options: GeneratorOptions(scale: 0.2, days: 1, dirt: .none)).batch(0, threads: 1)
        let products = batch["products"]
        for i in 0..<products.count {
            let cost = products["unit_cost"].int64(at: i)!, price = products["unit_price"].int64(at: i)!
            #expect(price > cost && Double(price) <= Double(cost) * 2.5 + 100)
        }
        let sales = batch["transactions"]
        var discounted = 0
        for i in 0..<sales.count {
            let gross = sales["unit_price"].int64(at: i)! * Int64(sales["quantity"].int32(at: i)!)
            let discount = sales["discount_amount"].int64(at: i)!
            #expect(sales["tax_amount"].int64(at: i)! == ((gross - discount) * 8 + 50) / 100)
            if sales["promotion_id"].string(at: i) == "PROMO000" { #expect(discount == 0) } else { discounted += 1 }
        }
        #expect(discounted > 0, "some lines carry a promotion")
    }

    @Test func customerPhonesComeAsAFullGroupWithTheCustomerRow() {
        let batches = allBatches(GeneratorOptions(scale: 0.2, days: 3, dirt: .none))
        for batch in batches {
            let customers = Set(strings(batch["customers"], "customer_id").map { $0! })
            var groups: [String: [String]] = [:]
            let phones = batch["customer_phones"]
            for i in 0..<phones.count { groups[phones["customer_id"].string(at: i)!, default: []].append(phones["phone_type"].string(at: i)!) }
            #expect(Set(groups.keys) == customers)
            #expect(groups.values.allSatisfy { (1...3).contains($0.count) && Set($0).count == $0.count })
        }
    }

    @Test func withoutDirtEveryKeyIsClean() {
        let batches = allBatches(GeneratorOptions(scale: 0.2, days: 3, dirt: .none))
        for batch in batches {
            let sales = batch["transactions"]
            for (key, prefix) in [("transaction_id", "T"), ("customer_id", "C"), ("product_id", "P"), ("store_id", "S"),
                                  ("promotion_id", "PROMO")] {
                #expect(strings(sales, key).allSatisfy { isClean($0, prefix: prefix) }, "\(key) in batch \(batch.index)")
            }
            #expect(strings(batch["customers"], "customer_id").allSatisfy { isClean($0, prefix: "C") })
            #expect(batch.tables.allSatisfy { table in table.columns.allSatisfy { $0.nullCount == 0 } || table.name == "promotions"
                || table.name == "product_promotions" })
            // Every sale of batch k is dated on day k: no late arrivals.
            #expect((0..<sales.count).allSatisfy { Int(sales["transaction_date"].int32(at: $0)!) == batch.businessDate })
        }
    }

    @Test func defaultDirtShowsUpAtItsRates() {
        let batches = allBatches(GeneratorOptions(scale: 2, days: 4))
        let sales = batches.map { $0["transactions"] }
        let lines = sales.reduce(0) { $0 + $1.count }
        var noisy = 0, blank = 0, late = 0
        for (k, table) in sales.enumerated() {
            for key in strings(table, "customer_id") {
                if key == nil || key!.allSatisfy({ $0 == " " }) { blank += 1 } else if !isClean(key, prefix: "C") { noisy += 1 }
            }
            late += (0..<table.count).filter { Int(table["transaction_date"].int32(at: $0)!) < batches[k].businessDate }.count
        }
        #expect(noisy > lines / 300 && noisy < lines / 40, "key noise \(noisy) of \(lines)")
        #expect(late > 0 && late < lines / 30, "late lines \(late) of \(lines)")
        #expect(blank < lines / 200)
        let nullEmails = batches[0]["customers"]["email"].nullCount
        #expect(nullEmails > 0 && nullEmails < 60, "null emails \(nullEmails) of 2000")
        // Re-sent master rows: batch 1 has many more customer rows than new + changed ones.
        #expect(batches[1]["customers"].count > 40)
    }

    @Test func invalidOptionsNameTheOption() {
        func message(_ options: GeneratorOptions) -> String? {
            do { try options.validate(); return nil } catch { return error.description }
        }
        #expect(message(GeneratorOptions(scale: 0))?.hasPrefix("--scale") == true)
        #expect(message(GeneratorOptions(scale: -1))?.hasPrefix("--scale") == true)
        #expect(message(GeneratorOptions(scale: .nan))?.hasPrefix("--scale") == true)
        #expect(message(GeneratorOptions(days: 0))?.hasPrefix("--days") == true)
        #expect(message(GeneratorOptions(shard: Shard(index: 3, count: 3)))?.hasPrefix("--shard") == true)
        #expect(message(GeneratorOptions(dirt: DirtOptions(resend: 2)))?.hasPrefix("--dirt-resend") == true)
        #expect(message(GeneratorOptions()) == nil)
        #expect(GeneratorOptions(scale: 1e9).estimatedBytes > 1e14)
        #expect(Shard(parsing: "1/4") == Shard(index: 1, count: 4))
        #expect(Shard(parsing: "1-4") == nil)
    }
}
