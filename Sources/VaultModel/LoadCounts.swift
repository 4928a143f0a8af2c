// LoadCounts.swift: what one table did with one batch.

/// Row counts of loading one batch into one table (one row of the batch log).
public struct LoadCounts: Sendable, Equatable, Codable {
    /// Candidate rows offered by staging.
    public var rowsIn = 0
    /// Rows inserted.
    public var inserted = 0
    /// Rows whose key is NULL (or the zero key) under the profile: not loaded.
    public var rejected = 0
    /// Rows repeating a key (hub, link) or an identical version (satellite) within the batch.
    public var duplicates = 0
    /// Satellite rows replaced by a later, different version of the same key in the same batch.
    public var superseded = 0
    /// Keys already in the table (hub, link) or versions equal to the one in force (satellite).
    public var unchanged = 0
    /// Wall time in microseconds.
    public var microseconds: Int64 = 0

    public init() {}
}
