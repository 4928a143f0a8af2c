// QueryKind.swift: the analytics a loaded vault answers.

/// The queries of `vaultsim query` (rules in docs/BUSINESS-VAULT.md).
public enum QueryKind: String, CaseIterable, Sendable {
    case currentCustomers = "current-customers"
    case customerHistory = "customer-history"
    case productPriceHistory = "product-price-history"
    case salesContext = "sales-context"
    case salesAsOf = "sales-as-of"
    case salesBySegment = "sales-by-segment"
    case topProducts = "top-products"

    /// One line on what the query returns.
    public var summary: String {
        switch self {
        case .currentCustomers: return "every customer with the details and contact in force"
        case .customerHistory: return "every details and contact version of one customer (--key)"
        case .productPriceHistory: return "every price version of one product (--key)"
        case .salesContext: return "sales lines with the transaction, customer, product and store in force"
        case .salesAsOf: return "sales lines up to a date, with segment, name and price as of that date (through the PITs)"
        case .salesBySegment: return "customers, transactions, revenue and profit per customer segment"
        case .topProducts: return "the products with the most revenue in each category (--limit per category)"
        }
    }

    /// Whether the query needs `--key`.
    public var needsKey: Bool { self == .customerHistory || self == .productPriceHistory }
}

/// What a query is asked.
public struct QueryOptions: Sendable {
    /// The as-of date (days since 1970); `nil`: the last loaded business date, every loaded row.
    public var asOf: Int32?
    /// The business key of history queries.
    public var key: String?
    /// Rows to return (0: all); for `top-products`, products per category.
    public var limit: Int

    public init(asOf: Int32? = nil, key: String? = nil, limit: Int = 20) {
        self.asOf = asOf
        self.key = key
        self.limit = limit
    }
}

/// Why a query cannot run.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    case emptyVault
    case missingKey(QueryKind, example: String?)
    case unknownKey(String, hub: String)
    case notASnapshotDate(String, first: String?, last: String?)

    public var description: String {
        switch self {
        case .emptyVault: return "the vault holds no batch yet"
        case .missingKey(let kind, let example):
            return "\(kind.rawValue) needs --key" + (example.map { " (for example --key \($0))" } ?? "")
        case .unknownKey(let key, let hub): return "no row of \(hub) has the business key '\(key)'"
        case .notASnapshotDate(let date, let first, let last):
            let range = first.map { " (the PITs cover \($0) to \(last!); see --pit-from, --pit-to, --pit-grain)" } ?? " (the PITs hold no date)"
            return "--as-of \(date) is not a snapshot date of the point-in-time tables\(range)"
        }
    }
}
