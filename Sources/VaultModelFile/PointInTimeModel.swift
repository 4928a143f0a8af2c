// PointInTimeModel.swift: a point-in-time table of a model.

/// A point-in-time table: for each key of a hub and each snapshot date, the version of each of
/// the listed satellites in force (the ghost record where none is).
public struct PointInTimeModel: Sendable, Equatable {
    /// `pit_customer`
    public var name: String
    /// What it serves (optional).
    public var description: String
    /// The hub whose keys it lists.
    public var hub: String
    /// Satellites of that hub, in column order.
    public var satellites: [String]

    public init(name: String, description: String = "", hub: String, satellites: [String]) {
        self.name = name
        self.description = description
        self.hub = hub
        self.satellites = satellites
    }
}
