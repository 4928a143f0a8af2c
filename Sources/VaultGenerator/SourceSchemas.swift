// SourceSchemas.swift: the seven source tables of the retail feed, and their encodings.

import VaultColumnar

/// The schemas of the source tables, with the columns stored dictionary encoded.
///
/// Business keys are nullable text (dirty feeds do send NULL keys); low-cardinality text columns
/// (gender, segment, category, city, payment method, ...) are dictionary encoded; ids, names,
/// emails and addresses are plain.
public enum SourceSchemas {
    /// The table names, in the order of ``SourceBatch/tables``.
    public static let tableNames = [
        "customers", "customer_phones", "products", "stores", "promotions", "product_promotions", "transactions",
    ]

    private static let money = ColumnType.decimal(precision: 10, scale: 2)

    public static let customers = Schema([
        Field("customer_id", .string), Field("first_name", .string), Field("last_name", .string),
        Field("birth_date", .date), Field("gender", .string), Field("customer_segment", .string),
        Field("registration_date", .date), Field("email", .string), Field("phone", .string),
        Field("address", .string), Field("city", .string), Field("state", .string), Field("country", .string),
        Field("postal_code", .string),
    ])

    public static let customerPhones = Schema([
        Field("customer_id", .string), Field("phone_type", .string), Field("phone_number", .string),
    ])

    public static let products = Schema([
        Field("product_id", .string), Field("product_name", .string), Field("category", .string),
        Field("subcategory", .string), Field("brand", .string), Field("supplier", .string),
        Field("unit_cost", money), Field("unit_price", money), Field("currency", .string),
    ])

    public static let stores = Schema([
        Field("store_id", .string), Field("store_name", .string), Field("store_type", .string),
        Field("manager", .string), Field("address", .string), Field("city", .string), Field("state", .string),
        Field("country", .string), Field("postal_code", .string), Field("phone", .string),
        Field("open_date", .date), Field("square_footage", .int32), Field("number_of_employees", .int32),
    ])

    public static let promotions = Schema([
        Field("promotion_id", .string), Field("promotion_name", .string), Field("promotion_type", .string),
        Field("discount_percentage", .decimal(precision: 5, scale: 2)), Field("start_date", .date),
        Field("end_date", .date), Field("description", .string),
    ])

    public static let productPromotions = Schema([
        Field("product_id", .string), Field("promotion_id", .string), Field("start_date", .date),
        Field("end_date", .date),
    ])

    public static let transactions = Schema([
        Field("transaction_id", .string), Field("line_item_number", .int32), Field("transaction_date", .date),
        Field("transaction_time", .time), Field("customer_id", .string), Field("product_id", .string),
        Field("store_id", .string), Field("promotion_id", .string), Field("quantity", .int32),
        Field("unit_price", money), Field("discount_amount", money), Field("tax_amount", money),
        Field("payment_method", .string),
    ])

    /// The schemas in the order of ``tableNames``.
    public static let all: [Schema] = [
        customers, customerPhones, products, stores, promotions, productPromotions, transactions,
    ]

    /// The dictionary-encoded columns of each table, in the order of ``tableNames``.
    public static let dictionaryColumns: [Set<String>] = [
        ["gender", "customer_segment", "city", "state", "country"],
        ["phone_type"],
        ["category", "subcategory", "brand", "supplier", "currency"],
        ["store_type", "city", "state", "country"],
        ["promotion_type"],
        [],
        ["payment_method"],
    ]
}

/// One daily batch of the source feed: the seven tables, in the order of ``SourceSchemas/tableNames``.
public struct SourceBatch: Sendable {
    /// The batch number, 0 for the initial full extract.
    public let index: Int
    /// The business date, days since 1970-01-01.
    public let businessDate: Int
    /// customers, customer_phones, products, stores, promotions, product_promotions, transactions.
    public let tables: [Table]

    public init(index: Int, businessDate: Int, tables: [Table]) {
        self.index = index
        self.businessDate = businessDate
        self.tables = tables
    }

    /// The table called `name`; traps when there is none.
    public subscript(name: String) -> Table {
        guard let i = SourceSchemas.tableNames.firstIndex(of: name) else { preconditionFailure("no source table \(name)") }
        return tables[i]
    }

    /// The total number of rows in all tables.
    public var rowCount: Int { tables.reduce(0) { $0 + $1.count } }
}
