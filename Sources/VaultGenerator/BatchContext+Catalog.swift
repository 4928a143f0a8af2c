// BatchContext+Catalog.swift: rows of `products`, `stores`, `promotions` and `product_promotions`.

import VaultColumnar

extension BatchContext {
    /// Today's `products` rows.
    func productTable(threads: Int) -> Table {
        let plan = state.productPlan
        return emitTables(count: plan.count, threads: threads, tables: 1) { range in
            var table = templates[2]
            table.withColumns { c in
                c[0].reserve(rows: range.count, stringBytes: range.count * 8)
                c[1].reserve(rows: range.count, stringBytes: range.count * 32)
                for i in range { productRow(Int(plan[i]), &c) }
            }
            return [table]
        }[0]
    }

    private func productRow(_ p: Int, _ c: inout [Column]) {
        let noise = keyNoise(p, table: 2)
        c[0].appendText(24) { $0.key(.product, p + 1, noise: noise) }
        let (category, subcategory) = catalog.productClass(p)
        var s = DrawStream(seed, .productDetails, p, 1 + Int(state.productDetailsVersion[p]))
        let brand = s.below(Vocabulary.brands.count)
        let adjective = Vocabulary.adjectives[s.below(Vocabulary.adjectives.count)]
        let model = s.inRange(100...999)
        let supplier = s.below(Vocabulary.suppliers.count)
        let nulls = s.next()
        c[1].appendText(64, null: isNull(nulls, 0)) { w in
            w.word(Vocabulary.brands[brand])
            w.byte(32)
            w.word(adjective)
            w.byte(32)
            w.word(Vocabulary.nouns[subcategory])
            w.byte(32)
            w.number(model)
        }
        c[2].append(code: Int32(category))
        c[3].append(code: Int32(subcategory))
        c[4].append(code: brand, null: isNull(nulls, 1))
        c[5].append(code: supplier, null: isNull(nulls, 2))
        c[6].append(state.productCost[p])
        c[7].append(state.productPrice[p])
        c[8].append(code: 0, null: false)
    }

    /// Today's `stores` rows.
    func storeTable(threads: Int) -> Table {
        let plan = state.storePlan
        return emitTables(count: plan.count, threads: threads, tables: 1) { range in
            var table = templates[3]
            table.withColumns { c in for i in range { storeRow(Int(plan[i]), &c) } }
            return [table]
        }[0]
    }

    private func storeRow(_ id: Int, _ c: inout [Column]) {
        let noise = keyNoise(id, table: 3)
        c[0].appendText(24) { $0.key(.store, id + 1, noise: noise) }
        var f = DrawStream(seed, .storeDetails, id, 0)
        let city = f.below(Vocabulary.cities.count)
        let type = f.below(Vocabulary.storeTypes.count)
        let openDate = baseDay - f.inRange(365...7300)
        let footage = [60_000, 25_000, 35_000, 8_000, 120_000][type] + f.below(10_000)
        var v = DrawStream(seed, .storeDetails, id, 1 + Int(state.storeVersion[id]))
        let manager = (Vocabulary.firstNames[v.below(Vocabulary.firstNames.count)],
                       Vocabulary.lastNames[v.below(Vocabulary.lastNames.count)])
        let area = Vocabulary.cities[city].area, exchange = v.inRange(200...999), line = v.below(10_000)
        let employees = footage / 1500 + v.below(20)
        let nulls = v.next()
        c[1].appendText(64) { w in
            w.word(Vocabulary.cities[city].city)
            w.byte(32)
            w.word(Vocabulary.storeTypes[type])
            w.word(" #")
            w.number(id + 1)
        }
        c[2].append(code: Int32(type))
        c[3].appendText(32, null: isNull(nulls, 0)) { w in
            w.word(manager.0)
            w.byte(32)
            w.word(manager.1)
        }
        c[4].appendText(64) { $0.streetAddress(&f) }
        c[5].append(code: Int32(city))
        c[6].append(code: SourceTemplates.stateOfCity[city])
        c[7].append(code: 0, null: false)
        let zip = Vocabulary.cities[city].zip * 100 + f.below(100)
        c[8].appendText(8) { $0.digits(zip, width: 5) }
        c[9].appendText(16, null: isNull(nulls, 1)) { $0.phone(area, exchange, line) }
        c[10].append(date: openDate)
        c[11].append(Int32(footage))
        if isNull(nulls, 2) { c[12].appendNull() } else { c[12].append(Int32(employees)) }
    }

    /// Today's `promotions` rows (`PROMO000`, "no promotion", is in batch 0).
    func promotionTable(threads: Int) -> Table {
        let plan = state.promotionPlan
        return emitTables(count: plan.count, threads: threads, tables: 1) { range in
            var table = templates[4]
            table.withColumns { c in for i in range { promotionRow(Int(plan[i]), &c) } }
            return [table]
        }[0]
    }

    private func promotionRow(_ q: Int, _ c: inout [Column]) {
        let noise = keyNoise(q, table: 4)
        c[0].appendText(24) { $0.key(.promotion, q, noise: noise) }
        var s = DrawStream(seed, .promotionDetails, q, 3)
        let theme = Vocabulary.promotionThemes[s.below(Vocabulary.promotionThemes.count)]
        let word = Vocabulary.promotionWords[s.below(Vocabulary.promotionWords.count)]
        let type = catalog.promotionType(q)
        let percent = catalog.promotionPercentHundredths(q)
        let nulls = s.next()
        c[1].appendText(64) { w in
            if q == 0 { w.word("No Promotion"); return }
            w.word(theme)
            w.byte(32)
            w.word(word)
            w.byte(32)
            w.number(q)
        }
        c[2].append(code: Int32(type))
        c[3].append(Int64(percent))
        c[4].append(date: Int(state.promotionStart[q]))
        let end = state.promotionEnd[q]
        c[5].append(date: Int(end), null: end == Int32.max)
        c[6].appendText(96, null: q > 0 && isNull(nulls, 0)) { w in
            switch q == 0 ? -1 : type {
            case -1: w.word("No promotion applied")
            case 1: w.word("Buy one, get one at ")
            default: w.word("Save ")
            }
            guard q > 0 else { return }
            w.count += ValueText.writeDecimal(units: Int64(percent), scale: 2, to: w.base + w.count)
            w.word(type == 1 ? "% off" : "% on selected \"")
            if type != 1 {
                w.word(theme)
                w.word("\" items")
            }
        }
    }

    /// Today's `product_promotions` rows: product is the driving key; a row with an end date
    /// closes an assignment, a row without one opens it.
    func assignmentTable(threads: Int) -> Table {
        let plan = state.assignmentPlan
        return emitTables(count: plan.count, threads: threads, tables: 1) { range in
            var table = templates[5]
            table.withColumns { c in
                for i in range {
                    let row = plan[i]
                    let p = Int(row.product), q = Int(row.promotion)
                    let noise = keyNoise(p, table: 5)
                    c[0].appendText(24) { $0.key(.product, p + 1, noise: noise) }
                    let promotionNoise = keyNoise(q, table: 6)
                    c[1].appendText(24) { $0.key(.promotion, q, noise: promotionNoise) }
                    c[2].append(date: Int(row.start))
                    c[3].append(date: Int(row.end ?? 0), null: row.end == nil)
                }
            }
            return [table]
        }[0]
    }
}
