import VaultColumnar
import VaultGenerator
import VaultModel

/// Builds small hand-written source batches: rows as `[column: text]`, missing columns NULL.
enum RetailFixture {
    static func table(_ name: String, _ rows: [[String: String]]) -> Table {
        let i = SourceSchemas.tableNames.firstIndex(of: name)!
        let schema = SourceSchemas.all[i]
        var table = Table(name: name, schema: schema, dictionaryEncoded: SourceSchemas.dictionaryColumns[i])
        table.withColumns { columns in
            for row in rows {
                for (k, field) in schema.fields.enumerated() {
                    guard let text = row[field.name] else { columns[k].appendNull(); continue }
                    switch field.type {
                    case .string: columns[k].append(string: text)
                    case .int32: columns[k].append(Int32(text)!)
                    case .date: columns[k].append(Int32(CivilDate(iso: text)!.daysSinceEpoch))
                    case .time:
                        let p = text.split(separator: ":").map { Int64($0)! }
                        columns[k].append((p[0] * 3600 + p[1] * 60 + p[2]) * 1_000_000)
                    case .decimal(_, let scale):
                        let parts = text.split(separator: ".")
                        var units = Int64(parts[0])! * Int64(pow10(scale))
                        if parts.count > 1 { units += Int64(parts[1])! * (text.hasPrefix("-") ? -1 : 1) }
                        columns[k].append(units)
                    default: fatalError("fixture type \(field.type)")
                    }
                }
            }
        }
        return table
    }

    static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { a, _ in a * 10 } }

    static func batch(_ k: Int, _ tables: [String: [[String: String]]]) -> SourceTables {
        SourceTables(batch: k, loadDate: SourceTables.loadDate(batch: k, baseDate: CivilDate(year: 2024, month: 1, day: 1)),
                     tables: tables.map { table($0.key, $0.value) })
    }

    static func customer(_ id: String, segment: String = "REGULAR", email: String = "a@example.com") -> [String: String] {
        ["customer_id": id, "first_name": "Ann", "last_name": "Lee", "birth_date": "1990-05-01", "gender": "F",
         "customer_segment": segment, "registration_date": "2020-01-01", "email": email, "phone": "555-0100",
         "address": "1 Main St", "city": "Springfield", "state": "IL", "country": "USA", "postal_code": "62701"]
    }

    static func product(_ id: String, cost: String = "10.00", price: String = "15.00") -> [String: String] {
        ["product_id": id, "product_name": "Widget", "category": "Tools", "subcategory": "Hand", "brand": "Acme",
         "supplier": "Acme Ltd", "unit_cost": cost, "unit_price": price, "currency": "USD"]
    }

    static func line(_ transaction: String, _ number: Int, customer: String?, product: String, store: String = "S001",
                     promotion: String = "PROMO000", quantity: Int = 2, date: String = "2024-01-01") -> [String: String] {
        var row = ["transaction_id": transaction, "line_item_number": String(number), "transaction_date": date,
                   "transaction_time": "10:00:00", "product_id": product, "store_id": store, "promotion_id": promotion,
                   "quantity": String(quantity), "unit_price": "15.00", "discount_amount": "0.00", "tax_amount": "2.40",
                   "payment_method": "CARD"]
        if let customer { row["customer_id"] = customer }
        return row
    }

    static let store: [String: String] = ["store_id": "S001", "store_name": "Downtown", "store_type": "FLAGSHIP",
                                          "square_footage": "12000", "number_of_employees": "40", "open_date": "2010-03-01"]
    static let noPromotion: [String: String] = ["promotion_id": "PROMO000", "promotion_name": "No promotion",
                                                "promotion_type": "NONE", "discount_percentage": "0.00"]
}
