// VaultDefinition.swift: the retail raw vault of seed document 003, as data.

import VaultColumnar

/// Where a hub (or a link's hub reference) takes its business key from.
public struct KeySource: Sendable, Equatable {
    /// Source table name (`customers`, `transactions`, ...).
    public var table: String
    /// Business-key column in that table.
    public var column: String
}

/// A hub: one row per business key ever seen.
public struct HubDefinition: Sendable, Equatable {
    /// `hub_customer`
    public var name: String
    /// `hub_customer_hk`
    public var keyColumn: String
    /// `customer_id`
    public var businessKey: String
    /// The sources, in the order a batch loads them (first occurrence wins the record source).
    public var sources: [KeySource]
}

/// A link: one row per distinct combination of hub keys.
public struct LinkDefinition: Sendable, Equatable {
    /// `link_sales`
    public var name: String
    /// `link_sales_hk`
    public var keyColumn: String
    /// The hubs it joins, in key order, with the business-key column in `source`.
    public var hubs: [String]
    /// Source tables (in load order) and, per hub, the business-key column there.
    public var sources: [(table: String, columns: [String], skipPromotionNone: Bool)]

    public static func == (a: LinkDefinition, b: LinkDefinition) -> Bool { a.name == b.name }
}

/// A satellite: insert-only versions of descriptive attributes of one hub or link.
public struct SatelliteDefinition: Sendable, Equatable {
    /// `sat_customer_details`
    public var name: String
    /// The parent hub or link name.
    public var parent: String
    /// The parent's key column (`hub_customer_hk`, `link_sales_hk`).
    public var parentKeyColumn: String
    /// The source table.
    public var source: String
    /// Payload columns, in table order (and their source types).
    public var payload: [Field]
}

/// The whole retail raw vault: 5 hubs, 2 links, 8 satellites.
public enum RetailVault {
    static func hub(_ entity: String, _ sources: [String]) -> HubDefinition {
        HubDefinition(name: "hub_\(entity)", keyColumn: "hub_\(entity)_hk", businessKey: "\(entity)_id",
                      sources: sources.map { KeySource(table: $0, column: "\(entity)_id") })
    }

    /// Hubs in load order.
    public static let hubs: [HubDefinition] = [
        hub("customer", ["customers", "customer_phones", "transactions"]),
        hub("product", ["products", "product_promotions", "transactions"]),
        hub("store", ["stores", "transactions"]),
        hub("transaction", ["transactions"]),
        hub("promotion", ["promotions", "product_promotions", "transactions"]),
    ]

    /// Links in load order.
    public static let links: [LinkDefinition] = [
        LinkDefinition(name: "link_sales", keyColumn: "link_sales_hk",
                       hubs: ["hub_customer", "hub_product", "hub_store", "hub_transaction", "hub_promotion"],
                       sources: [(table: "transactions",
                                  columns: ["customer_id", "product_id", "store_id", "transaction_id", "promotion_id"],
                                  skipPromotionNone: false)]),
        LinkDefinition(name: "link_product_promotion", keyColumn: "link_product_promotion_hk",
                       hubs: ["hub_product", "hub_promotion"],
                       sources: [(table: "product_promotions", columns: ["product_id", "promotion_id"], skipPromotionNone: false),
                                 (table: "transactions", columns: ["product_id", "promotion_id"], skipPromotionNone: true)]),
    ]

    static let money = ColumnType.decimal(precision: 10, scale: 2)

    /// Satellites in load order (`sat_sales_metrics` last: its cost uses the product pricing in force).
    public static let satellites: [SatelliteDefinition] = [
        SatelliteDefinition(name: "sat_customer_details", parent: "hub_customer", parentKeyColumn: "hub_customer_hk", source: "customers",
                            payload: [Field("first_name", .string), Field("last_name", .string), Field("birth_date", .date),
                                      Field("gender", .string), Field("customer_segment", .string), Field("registration_date", .date)]),
        SatelliteDefinition(name: "sat_customer_contact", parent: "hub_customer", parentKeyColumn: "hub_customer_hk", source: "customers",
                            payload: [Field("email", .string), Field("phone", .string), Field("address", .string), Field("city", .string),
                                      Field("state", .string), Field("country", .string), Field("postal_code", .string)]),
        SatelliteDefinition(name: "sat_product_details", parent: "hub_product", parentKeyColumn: "hub_product_hk", source: "products",
                            payload: [Field("product_name", .string), Field("category", .string), Field("subcategory", .string),
                                      Field("brand", .string), Field("supplier", .string)]),
        SatelliteDefinition(name: "sat_product_pricing", parent: "hub_product", parentKeyColumn: "hub_product_hk", source: "products",
                            payload: [Field("unit_cost", money), Field("unit_price", money), Field("currency", .string)]),
        SatelliteDefinition(name: "sat_store_details", parent: "hub_store", parentKeyColumn: "hub_store_hk", source: "stores",
                            payload: [Field("store_name", .string), Field("store_type", .string), Field("manager", .string),
                                      Field("address", .string), Field("city", .string), Field("state", .string), Field("country", .string),
                                      Field("postal_code", .string), Field("phone", .string), Field("open_date", .date),
                                      Field("square_footage", .int32), Field("number_of_employees", .int32)]),
        SatelliteDefinition(name: "sat_transaction_details", parent: "hub_transaction", parentKeyColumn: "hub_transaction_hk",
                            source: "transactions",
                            payload: [Field("transaction_date", .date), Field("transaction_time", .time), Field("payment_method", .string)]),
        SatelliteDefinition(name: "sat_promotion_details", parent: "hub_promotion", parentKeyColumn: "hub_promotion_hk", source: "promotions",
                            payload: [Field("promotion_name", .string), Field("promotion_type", .string),
                                      Field("discount_percentage", .decimal(precision: 5, scale: 2)), Field("start_date", .date),
                                      Field("end_date", .date), Field("description", .string)]),
        SatelliteDefinition(name: "sat_sales_metrics", parent: "link_sales", parentKeyColumn: "link_sales_hk", source: "transactions",
                            payload: [Field("line_item_number", .int32), Field("quantity", .int32), Field("unit_price", money),
                                      Field("discount_amount", money), Field("tax_amount", money), Field("total_amount", money),
                                      Field("cost", money), Field("profit", money)]),
    ]

    /// Record source of rows from a source table.
    public static func recordSource(of table: String) -> String { "RETAIL.\(table.uppercased())" }

    /// The `promotion_id` that means "no promotion".
    public static let noPromotion = "PROMO000"

    /// Payload columns stored dictionary encoded (low cardinality).
    public static let dictionaryColumns: Set<String> = [
        "gender", "customer_segment", "city", "state", "country", "category", "subcategory", "brand", "supplier",
        "currency", "store_type", "payment_method", "promotion_type", "record_source", "manager",
    ]
}
