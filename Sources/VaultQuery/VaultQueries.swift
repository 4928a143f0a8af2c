// VaultQueries.swift: running a query on a loaded vault.

import VaultColumnar
import VaultModel

/// The analytics of a loaded vault, each answered from its columns (rules and columns in
/// docs/BUSINESS-VAULT.md). With an as-of date, customer and product attributes are read through
/// the point-in-time tables.
public enum VaultQueries {
    /// Runs `kind` on `vault`; the result is a table whose rows are in the query's documented order.
    public static func run(_ kind: QueryKind, on vault: Vault, options: QueryOptions) throws -> Table {
        let context = try QueryContext(vault: vault, asOf: options.asOf)
        switch kind {
        case .currentCustomers: return context.currentCustomers(limit: options.limit)
        case .customerHistory: return try context.customerHistory(key: options.key, limit: options.limit)
        case .productPriceHistory: return try context.productPriceHistory(key: options.key, limit: options.limit)
        case .salesContext, .salesAsOf: return context.sales(kind, limit: options.limit)
        case .salesBySegment: return context.salesBySegment(limit: options.limit)
        case .topProducts: return context.topProducts(limit: options.limit)
        }
    }
}
