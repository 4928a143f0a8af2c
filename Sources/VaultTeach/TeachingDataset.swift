// TeachingDataset.swift: four tiny batches of the retail feed, written by hand to show every loading case.

import VaultColumnar
import VaultModel

/// A retail feed small enough to read in full: 4 customers (1 to 3 phones each), 3 products,
/// 2 stores, 2 promotions and 7 sales lines over four daily batches (2024-01-01 to 2024-01-04).
///
/// The rows are chosen so that loading them meets every case a learner should see:
///
/// - batch 0: the initial full extract, every key is new;
/// - batch 1: C001 re-sent unchanged; C002 changes segment; C001 changes its home phone; a sale
///   names ` c001 ` (a dirty spelling of C001) and one names C004, a customer not sent yet;
/// - batch 2: C004's customer row arrives; P001's price changes; P002's promotion ends;
/// - batch 3: C002 adds a work phone; P003 starts PROMO002 (which ends its PROMO001); a sale
///   without customer.
///
/// The walkthrough never relies on this list: everything it says is read from the vault.
public enum TeachingDataset {
    /// Business date of batch 0.
    public static let baseDate = CivilDate(year: 2024, month: 1, day: 1)

    /// The batches, in load order, with their load dates.
    public static func batches() -> [SourceTables] {
        rows.enumerated().map { k, tables in
            let built = tables.map { name, rows in
                do { return try SourceRows.table(name, rows) } catch {
                    // Constant rows, checked by the tests.
                    preconditionFailure("teaching dataset, batch \(k): \(error)")
                }
            }
            return SourceTables(batch: k, loadDate: SourceTables.loadDate(batch: k, baseDate: baseDate), tables: built)
        }
    }

    /// Per batch, the tables in feed order and their rows.
    static let rows: [[(String, [[String: String]])]] = [
        [
            (
                "customers",
                [
                    customer("C001", "Ann", "Lee", segment: "REGULAR", city: "Springfield"),
                    customer("C002", "Bob", "Roe", segment: "REGULAR", city: "Shelbyville"),
                    customer("C003", "Cara", "Diaz", segment: "GOLD", city: "Springfield"),
                ]
            ),
            (
                "customer_phones",
                [
                    phone("C001", "mobile", "555-0101"), phone("C001", "home", "555-0102"),
                    phone("C002", "mobile", "555-0201"),
                    phone("C003", "mobile", "555-0301"), phone("C003", "home", "555-0302"),
                    phone("C003", "work", "555-0303"),
                ]
            ),
            (
                "products",
                [
                    product("P001", "Widget", "Tools", cost: "10.00", price: "15.00"),
                    product("P002", "Gadget", "Electronics", cost: "18.00", price: "25.00"),
                    product("P003", "Gizmo", "Toys", cost: "5.00", price: "8.00"),
                ]
            ),
            ("stores", [store("S001", "Downtown", "Springfield"), store("S002", "Airport", "Shelbyville")]),
            (
                "promotions",
                [
                    promotion("PROMO000", "No promotion", "NONE", "0.00", start: nil),
                    promotion("PROMO001", "New year", "PERCENT", "10.00", start: "2024-01-01"),
                ]
            ),
            (
                "product_promotions",
                [
                    assignment("P002", "PROMO001", start: "2024-01-01"),
                    assignment("P003", "PROMO001", start: "2024-01-01"),
                ]
            ),
            (
                "transactions",
                [
                    line(
                        "T0001", 1, "2024-01-01", customer: "C001", product: "P001", store: "S001", quantity: 2,
                        price: "15.00", tax: "2.40"),
                    line(
                        "T0001", 2, "2024-01-01", customer: "C001", product: "P002", store: "S001",
                        promotion: "PROMO001",
                        price: "25.00", discount: "2.50", tax: "1.80"),
                    line(
                        "T0002", 1, "2024-01-01", customer: "C002", product: "P003", store: "S002", quantity: 3,
                        price: "8.00", tax: "1.92"),
                ]
            ),
        ],
        [
            (
                "customers",
                [
                    customer("C001", "Ann", "Lee", segment: "REGULAR", city: "Springfield"),
                    customer("C002", "Bob", "Roe", segment: "GOLD", city: "Shelbyville"),
                ]
            ),
            ("customer_phones", [phone("C001", "mobile", "555-0101"), phone("C001", "home", "555-0199")]),
            (
                "transactions",
                [
                    line(
                        "T0003", 1, "2024-01-02", customer: " c001 ", product: "P003", store: "S002", price: "8.00",
                        tax: "0.64"),
                    line(
                        "T0004", 1, "2024-01-02", customer: "C004", product: "P001", store: "S001", price: "15.00",
                        tax: "1.20"),
                ]
            ),
        ],
        [
            ("customers", [customer("C004", "Dan", "Fox", segment: "REGULAR", city: "Shelbyville")]),
            ("products", [product("P001", "Widget", "Tools", cost: "10.00", price: "16.50")]),
            ("product_promotions", [assignment("P002", "PROMO001", start: "2024-01-01", end: "2024-01-03")]),
            (
                "transactions",
                [
                    line(
                        "T0005", 1, "2024-01-03", customer: "C003", product: "P001", store: "S002", quantity: 2,
                        price: "16.50", tax: "2.64")
                ]
            ),
        ],
        [
            ("customer_phones", [phone("C002", "mobile", "555-0201"), phone("C002", "work", "555-0204")]),
            ("promotions", [promotion("PROMO002", "Clearance", "PERCENT", "20.00", start: "2024-01-04")]),
            ("product_promotions", [assignment("P003", "PROMO002", start: "2024-01-04")]),
            (
                "transactions",
                [
                    line(
                        "T0006", 1, "2024-01-04", customer: nil, product: "P002", store: "S001", price: "25.00",
                        tax: "2.00")
                ]
            ),
        ],
    ]

    static func customer(
        _ id: String, _ first: String, _ last: String, segment: String, city: String
    ) -> [String: String] {
        let state = city == "Springfield" ? "IL" : "IN"
        return [
            "customer_id": id, "first_name": first, "last_name": last, "birth_date": "1990-05-01", "gender": "U",
            "customer_segment": segment, "registration_date": "2023-06-01",
            "email": "\(first.lowercased()).\(last.lowercased())@example.com", "phone": "555-0100",
            "address": "1 Main St", "city": city, "state": state, "country": "USA",
            "postal_code": state == "IL" ? "62701" : "46176",
        ]
    }

    static func phone(_ customer: String, _ type: String, _ number: String) -> [String: String] {
        ["customer_id": customer, "phone_type": type, "phone_number": number]
    }

    static func product(
        _ id: String, _ name: String, _ category: String, cost: String, price: String
    ) -> [String: String] {
        [
            "product_id": id, "product_name": name, "category": category, "subcategory": category, "brand": "Acme",
            "supplier": "Acme Ltd", "unit_cost": cost, "unit_price": price, "currency": "USD",
        ]
    }

    static func store(_ id: String, _ name: String, _ city: String) -> [String: String] {
        [
            "store_id": id, "store_name": name, "store_type": "RETAIL", "manager": "M. Ortiz", "address": "2 Market St",
            "city": city, "state": city == "Springfield" ? "IL" : "IN", "country": "USA", "postal_code": "62701",
            "phone": "555-0900",
            "open_date": "2015-03-01", "square_footage": "12000", "number_of_employees": "25",
        ]
    }

    static func promotion(
        _ id: String, _ name: String, _ type: String, _ discount: String, start: String?
    ) -> [String: String] {
        var row = [
            "promotion_id": id, "promotion_name": name, "promotion_type": type, "discount_percentage": discount,
            "description": name,
        ]
        if let start { row["start_date"] = start }
        return row
    }

    static func assignment(
        _ product: String, _ promotion: String, start: String, end: String? = nil
    ) -> [String: String] {
        var row = ["product_id": product, "promotion_id": promotion, "start_date": start]
        if let end { row["end_date"] = end }
        return row
    }

    static func line(
        _ transaction: String, _ number: Int, _ date: String, customer: String?, product: String, store: String,
        promotion: String = "PROMO000", quantity: Int = 1, price: String, discount: String = "0.00",
        tax: String
    ) -> [String: String] {
        var row = [
            "transaction_id": transaction, "line_item_number": String(number), "transaction_date": date,
            "transaction_time": "10:30:00", "product_id": product, "store_id": store, "promotion_id": promotion,
            "quantity": String(quantity), "unit_price": price, "discount_amount": discount, "tax_amount": tax,
            "payment_method": "CARD",
        ]
        if let customer { row["customer_id"] = customer }
        return row
    }
}
