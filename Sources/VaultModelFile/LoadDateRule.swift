// LoadDateRule.swift: the load-date column and how its value is chosen.

import VaultColumnar

/// The load-date column every vault table carries (`src_ldts`) and the rule giving its value.
public struct LoadDateRule: Sendable, Equatable {
    /// How a batch's load date is chosen.
    public enum Rule: String, Sendable, Equatable, CaseIterable {
        /// The batch's business date at 00:00:00 UTC: batch k of a feed starting on day D loads
        /// at D + k days, whatever the clock says, so every run gives the same rows.
        case batchDate = "batch_date"
    }

    /// The column's name (`load_date`).
    public var srcLdts: String
    /// The rule.
    public var rule: Rule

    public init(srcLdts: String = "load_date", rule: Rule = .batchDate) {
        self.srcLdts = srcLdts
        self.rule = rule
    }

    /// The load date of batch `batch` of a feed whose batch 0 has business date `baseDate`:
    /// microseconds since 1970-01-01 00:00:00 UTC.
    public func loadDate(batch: Int, baseDate: CivilDate) -> Int64 {
        switch rule {
        case .batchDate: return Int64(baseDate.daysSinceEpoch + batch) * 86_400_000_000
        }
    }
}
