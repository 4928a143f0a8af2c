// BatchContext+Catalog.swift: rows of `products`, `stores`, `promotions` and `product_promotions`.

import VaultColumnar

extension BatchContext {
    /// Today's `products` rows.
    func productTable(threads: Int) -> Table {
        let plan = state.productPlan
        return emitTables(count: plan.count, threads: threads, tables: 1) { range in
            var c = ProductColumns(rows: range.count)
            for i in range { productRow(Int(plan[i]), &c) }
            return [c.table(like: templates[2])]
        }[0]
    }

    private func productRow(_ p: Int, _ c: inout ProductColumns) {
        let noise = keyNoise(p, table: 2)
        c.productID.append(24) { $0.key(.product, p + 1, noise: noise) }
        let (category, subcategory) = catalog.productClass(p)
        var s = DrawStream(seed, .productDetails, p, 1 + Int(state.productDetailsVersion[p]))
        let brand = s.below(Vocabulary.brands.count)
        let adjective = Vocabulary.adjectives[s.below(Vocabulary.adjectives.count)]
        let model = s.inRange(100...999)
        let supplier = s.below(Vocabulary.suppliers.count)
        let nulls = s.next()
        c.name.append(64, null: isNull(nulls, 0)) { w in
            w.word(Vocabulary.brands[brand])
            w.byte(32)
            w.word(adjective)
            w.byte(32)
            w.word(Vocabulary.nouns[subcategory])
            w.byte(32)
            w.number(model)
        }
        c.category.append(category)
        c.subcategory.append(subcategory)
        c.brand.append(brand, null: isNull(nulls, 1))
        c.supplier.append(supplier, null: isNull(nulls, 2))
        c.cost.append(state.productCost[p])
        c.price.append(state.productPrice[p])
        c.currency.append(0)
    }

    /// Today's `stores` rows.
    func storeTable(threads: Int) -> Table {
        let plan = state.storePlan
        return emitTables(count: plan.count, threads: threads, tables: 1) { range in
            var c = StoreColumns(rows: range.count)
            for i in range { storeRow(Int(plan[i]), &c) }
            return [c.table(like: templates[3])]
        }[0]
    }

    private func storeRow(_ id: Int, _ c: inout StoreColumns) {
        let noise = keyNoise(id, table: 3)
        c.storeID.append(24) { $0.key(.store, id + 1, noise: noise) }
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
        c.name.append(64) { w in
            w.word(Vocabulary.cities[city].city)
            w.byte(32)
            w.word(Vocabulary.storeTypes[type])
            w.word(" #")
            w.number(id + 1)
        }
        c.type.append(type)
        c.manager.append(32, null: isNull(nulls, 0)) { w in
            w.word(manager.0)
            w.byte(32)
            w.word(manager.1)
        }
        c.address.append(64) { $0.streetAddress(&f) }
        c.city.append(city)
        c.state.append(SourceTemplates.stateOfCity[city])
        c.country.append(0)
        let zip = Vocabulary.cities[city].zip * 100 + f.below(100)
        c.postalCode.append(8) { $0.digits(zip, width: 5) }
        c.phone.append(24, null: isNull(nulls, 1)) { $0.phone(area, exchange, line) }
        c.openDate.append(openDate)
        c.footage.append(footage)
        c.employees.append(employees, null: isNull(nulls, 2))
    }

    /// Today's `promotions` rows (`PROMO000`, "no promotion", is in batch 0).
    func promotionTable(threads: Int) -> Table {
        let plan = state.promotionPlan
        return emitTables(count: plan.count, threads: threads, tables: 1) { range in
            var c = PromotionColumns(rows: range.count)
            for i in range { promotionRow(Int(plan[i]), &c) }
            return [c.table(like: templates[4])]
        }[0]
    }

    private func promotionRow(_ q: Int, _ c: inout PromotionColumns) {
        let noise = keyNoise(q, table: 4)
        c.promotionID.append(24) { $0.key(.promotion, q, noise: noise) }
        var s = DrawStream(seed, .promotionDetails, q, 3)
        let theme = Vocabulary.promotionThemes[s.below(Vocabulary.promotionThemes.count)]
        let word = Vocabulary.promotionWords[s.below(Vocabulary.promotionWords.count)]
        let type = catalog.promotionType(q)
        let percent = catalog.promotionPercentHundredths(q)
        let nulls = s.next()
        c.name.append(64) { w in
            if q == 0 { w.word("No Promotion"); return }
            w.word(theme)
            w.byte(32)
            w.word(word)
            w.byte(32)
            w.number(q)
        }
        c.type.append(type)
        c.percent.append(Int64(percent))
        c.start.append(state.promotionStart[q])
        let end = state.promotionEnd[q]
        c.end.append(end, null: end == Int32.max)
        c.description.append(96, null: q > 0 && isNull(nulls, 0)) { w in
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
            var c = AssignmentColumns(rows: range.count)
            for i in range {
                let row = plan[i]
                let p = Int(row.product), q = Int(row.promotion)
                let noise = keyNoise(p, table: 5)
                c.productID.append(24) { $0.key(.product, p + 1, noise: noise) }
                let promotionNoise = keyNoise(q, table: 6)
                c.promotionID.append(24) { $0.key(.promotion, q, noise: promotionNoise) }
                c.start.append(row.start)
                c.end.append(row.end ?? 0, null: row.end == nil)
            }
            return [c.table(like: templates[5])]
        }[0]
    }
}

/// The columns of `products` for one chunk (see ``StringColumnBuilder``).
struct ProductColumns: ~Copyable {
    var productID, name: StringColumnBuilder
    var category, subcategory, brand, supplier: FixedColumnBuilder<Int32>
    var cost, price: FixedColumnBuilder<Int64>
    var currency: FixedColumnBuilder<Int32>

    init(rows n: Int) {
        productID = StringColumnBuilder(rows: n, bytesPerRow: 8)
        name = StringColumnBuilder(rows: n, bytesPerRow: 32)
        category = FixedColumnBuilder(rows: n)
        subcategory = FixedColumnBuilder(rows: n)
        brand = FixedColumnBuilder(rows: n)
        supplier = FixedColumnBuilder(rows: n)
        cost = FixedColumnBuilder(rows: n)
        price = FixedColumnBuilder(rows: n)
        currency = FixedColumnBuilder(rows: n)
    }

    consuming func table(like template: Table) -> Table {
        let t = template.columns
        return try! Table(name: template.name, schema: template.schema, columns: [
            productID.column(), name.column(), category.column(like: t[2]), subcategory.column(like: t[3]),
            brand.column(like: t[4]), supplier.column(like: t[5]), cost.column(like: t[6]), price.column(like: t[7]),
            currency.column(like: t[8]),
        ])
    }
}

/// The columns of `stores` for one chunk.
struct StoreColumns: ~Copyable {
    var storeID, name: StringColumnBuilder
    var type: FixedColumnBuilder<Int32>
    var manager, address: StringColumnBuilder
    var city, state, country: FixedColumnBuilder<Int32>
    var postalCode, phone: StringColumnBuilder
    var openDate, footage, employees: FixedColumnBuilder<Int32>

    init(rows n: Int) {
        storeID = StringColumnBuilder(rows: n, bytesPerRow: 6)
        name = StringColumnBuilder(rows: n, bytesPerRow: 24)
        type = FixedColumnBuilder(rows: n)
        manager = StringColumnBuilder(rows: n, bytesPerRow: 14)
        address = StringColumnBuilder(rows: n, bytesPerRow: 20)
        city = FixedColumnBuilder(rows: n)
        state = FixedColumnBuilder(rows: n)
        country = FixedColumnBuilder(rows: n)
        postalCode = StringColumnBuilder(rows: n, bytesPerRow: 5)
        phone = StringColumnBuilder(rows: n, bytesPerRow: 15)
        openDate = FixedColumnBuilder(rows: n)
        footage = FixedColumnBuilder(rows: n)
        employees = FixedColumnBuilder(rows: n)
    }

    consuming func table(like template: Table) -> Table {
        let t = template.columns
        return try! Table(name: template.name, schema: template.schema, columns: [
            storeID.column(), name.column(), type.column(like: t[2]), manager.column(), address.column(),
            city.column(like: t[5]), state.column(like: t[6]), country.column(like: t[7]), postalCode.column(),
            phone.column(), openDate.column(like: t[10]), footage.column(like: t[11]), employees.column(like: t[12]),
        ])
    }
}

/// The columns of `promotions` for one chunk.
struct PromotionColumns: ~Copyable {
    var promotionID, name: StringColumnBuilder
    var type: FixedColumnBuilder<Int32>
    var percent: FixedColumnBuilder<Int64>
    var start, end: FixedColumnBuilder<Int32>
    var description: StringColumnBuilder

    init(rows n: Int) {
        promotionID = StringColumnBuilder(rows: n, bytesPerRow: 8)
        name = StringColumnBuilder(rows: n, bytesPerRow: 20)
        type = FixedColumnBuilder(rows: n)
        percent = FixedColumnBuilder(rows: n)
        start = FixedColumnBuilder(rows: n)
        end = FixedColumnBuilder(rows: n)
        description = StringColumnBuilder(rows: n, bytesPerRow: 40)
    }

    consuming func table(like template: Table) -> Table {
        let t = template.columns
        return try! Table(name: template.name, schema: template.schema, columns: [
            promotionID.column(), name.column(), type.column(like: t[2]), percent.column(like: t[3]),
            start.column(like: t[4]), end.column(like: t[5]), description.column(),
        ])
    }
}

/// The columns of `product_promotions` for one chunk.
struct AssignmentColumns: ~Copyable {
    var productID, promotionID: StringColumnBuilder
    var start, end: FixedColumnBuilder<Int32>

    init(rows n: Int) {
        productID = StringColumnBuilder(rows: n, bytesPerRow: 8)
        promotionID = StringColumnBuilder(rows: n, bytesPerRow: 9)
        start = FixedColumnBuilder(rows: n)
        end = FixedColumnBuilder(rows: n)
    }

    consuming func table(like template: Table) -> Table {
        let t = template.columns
        return try! Table(name: template.name, schema: template.schema, columns: [
            productID.column(), promotionID.column(), start.column(like: t[2]), end.column(like: t[3]),
        ])
    }
}
