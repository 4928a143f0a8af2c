// VaultDefinition.swift: the definitions a vault is built from, and the retail vault as data.

import VaultColumnar

/// Where a hub (or a link's hub reference) takes its business key from.
public struct KeySource: Sendable, Equatable {
    /// Source table name (`customers`, `transactions`, ...).
    public var table: String
    /// Business-key column in that table.
    public var column: String

    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }
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

    public init(name: String, keyColumn: String, businessKey: String, sources: [KeySource]) {
        self.name = name
        self.keyColumn = keyColumn
        self.businessKey = businessKey
        self.sources = sources
    }
}

/// Rows of a link's source that are not link candidates: those whose `column` holds `value`
/// (after the business-key cleaning), e.g. the code that means "no promotion".
public struct LinkSourceFilter: Sendable, Equatable {
    public var column: String
    public var value: String

    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }
}

/// One source table of a link: the business-key column there per hub (in the link's hub order)
/// and an optional filter of the rows that are not candidates.
public struct LinkSource: Sendable, Equatable {
    public var table: String
    public var columns: [String]
    public var excluding: LinkSourceFilter?

    public init(table: String, columns: [String], excluding: LinkSourceFilter? = nil) {
        self.table = table
        self.columns = columns
        self.excluding = excluding
    }
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
    public var sources: [LinkSource]

    public init(name: String, keyColumn: String, hubs: [String], sources: [LinkSource]) {
        self.name = name
        self.keyColumn = keyColumn
        self.hubs = hubs
        self.sources = sources
    }
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

    public init(name: String, parent: String, parentKeyColumn: String, source: String, payload: [Field]) {
        self.name = name
        self.parent = parent
        self.parentKeyColumn = parentKeyColumn
        self.source = source
        self.payload = payload
    }
}

/// An effectivity satellite: when each link of a driving key starts and ends.
public struct EffectivitySatelliteDefinition: Sendable, Equatable {
    /// `sat_product_promotion_eff`
    public var name: String
    /// The link it describes.
    public var link: String
    /// The source table (with `start_date` and `end_date` columns).
    public var source: String
    /// The driving key's hub: a new open link of a driving key ends its other open links.
    public var drivingHub: String
    /// The link's other hub.
    public var otherHub: String
    /// The columns of `source` holding the driving and the other business key.
    public var drivingKeyColumn: String
    public var otherKeyColumn: String
    /// The columns of `source` holding when the link starts and ends.
    public var startDateColumn: String
    public var endDateColumn: String

    public init(name: String, link: String, source: String, drivingHub: String, otherHub: String,
                drivingKeyColumn: String, otherKeyColumn: String, startDateColumn: String, endDateColumn: String) {
        self.name = name
        self.link = link
        self.source = source
        self.drivingHub = drivingHub
        self.otherHub = otherHub
        self.drivingKeyColumn = drivingKeyColumn
        self.otherKeyColumn = otherKeyColumn
        self.startDateColumn = startDateColumn
        self.endDateColumn = endDateColumn
    }
}

/// A point-in-time table: for each hub key and snapshot date, the version of each satellite in force.
public struct PointInTimeDefinition: Sendable, Equatable {
    /// `pit_customer`
    public var name: String
    /// The hub whose keys it lists.
    public var hub: String
    /// The satellites of that hub it references, in column order.
    public var satellites: [String]

    public init(name: String, hub: String, satellites: [String]) {
        self.name = name
        self.hub = hub
        self.satellites = satellites
    }
}

/// A bridge: for each snapshot date, the rows of a link loaded by then, with two of its hub keys.
public struct BridgeDefinition: Sendable, Equatable {
    /// `bridge_customer_product`
    public var name: String
    /// The link it walks.
    public var link: String
    /// The hub whose key leads (first column).
    public var fromHub: String
    /// The hub at the other end.
    public var toHub: String

    public init(name: String, link: String, fromHub: String, toHub: String) {
        self.name = name
        self.link = link
        self.fromHub = fromHub
        self.toHub = toHub
    }
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
                       sources: [LinkSource(table: "transactions",
                                            columns: ["customer_id", "product_id", "store_id", "transaction_id", "promotion_id"])]),
        LinkDefinition(name: "link_product_promotion", keyColumn: "link_product_promotion_hk",
                       hubs: ["hub_product", "hub_promotion"],
                       sources: [LinkSource(table: "product_promotions", columns: ["product_id", "promotion_id"]),
                                 LinkSource(table: "transactions", columns: ["product_id", "promotion_id"],
                                            excluding: LinkSourceFilter(column: "promotion_id", value: noPromotion))]),
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

    /// The multi-active satellite of customer phone numbers; `phone_type` is the child-dependent key.
    public static let phoneSatellite = SatelliteDefinition(
        name: "sat_customer_phone_ma", parent: "hub_customer", parentKeyColumn: "hub_customer_hk", source: "customer_phones",
        payload: [Field("phone_type", .string), Field("phone_number", .string)])

    /// The child-dependent key of ``phoneSatellite``.
    public static let phoneChildKey = "phone_type"

    /// The effectivity satellite of `link_product_promotion`; the product is the driving key.
    public static let promotionEffectivity = EffectivitySatelliteDefinition(
        name: "sat_product_promotion_eff", link: "link_product_promotion", source: "product_promotions",
        drivingHub: "hub_product", otherHub: "hub_promotion", drivingKeyColumn: "product_id", otherKeyColumn: "promotion_id",
        startDateColumn: "start_date", endDateColumn: "end_date")

    /// The point-in-time tables, each over one hub and its satellites.
    public static let pointInTimeTables: [PointInTimeDefinition] = [
        PointInTimeDefinition(name: "pit_customer", hub: "hub_customer", satellites: ["sat_customer_details", "sat_customer_contact"]),
        PointInTimeDefinition(name: "pit_product", hub: "hub_product", satellites: ["sat_product_details", "sat_product_pricing"]),
    ]

    /// The bridge from customers through `link_sales` to products.
    public static let bridge = BridgeDefinition(name: "bridge_customer_product", link: "link_sales",
                                                fromHub: "hub_customer", toHub: "hub_product")

    /// Record source of rows from a source table.
    public static func recordSource(of table: String) -> String { "RETAIL.\(table.uppercased())" }

    /// The hub called `name`.
    static func hub(named name: String) -> HubDefinition { hubs.first { $0.name == name }! }

    /// The `promotion_id` that means "no promotion".
    public static let noPromotion = "PROMO000"

    /// Payload columns stored dictionary encoded (low cardinality).
    public static let dictionaryColumns: Set<String> = [
        "gender", "customer_segment", "city", "state", "country", "category", "subcategory", "brand", "supplier",
        "currency", "store_type", "payment_method", "promotion_type", "record_source", "manager", "phone_type",
    ]
}
