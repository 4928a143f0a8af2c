// EffectivitySatelliteModel.swift: when each link of a driving key starts and ends.

/// An effectivity satellite of a link: each version holds a link's start and end date; a driving
/// key (`src_dfk`) opening a new link ends its other open links.
public struct EffectivitySatelliteModel: Sendable, Equatable {
    /// `sat_product_promotion_eff`
    public var name: String
    /// What the dates mean (optional).
    public var description: String
    /// The link it describes.
    public var link: String
    /// The source table (one the link loads from) with the start and end dates.
    public var source: String
    /// The driving key's hub (`src_dfk`).
    public var srcDfk: String
    /// The link's other hubs (`src_sfk`), in the link's key order.
    public var srcSfk: [String]
    /// The start-date column (`src_start_date`, a date).
    public var srcStartDate: String
    /// The end-date column (`src_end_date`, a date; NULL while open).
    public var srcEndDate: String

    public init(name: String, description: String = "", link: String, source: String, srcDfk: String, srcSfk: [String],
                srcStartDate: String, srcEndDate: String) {
        self.name = name
        self.description = description
        self.link = link
        self.source = source
        self.srcDfk = srcDfk
        self.srcSfk = srcSfk
        self.srcStartDate = srcStartDate
        self.srcEndDate = srcEndDate
    }
}
