// BridgeModel.swift: a bridge of a model.

/// A bridge: for each snapshot date, the rows of a link loaded by then, with the keys of two of
/// its hubs.
public struct BridgeModel: Sendable, Equatable {
    /// `bridge_customer_product`
    public var name: String
    /// What it serves (optional).
    public var description: String
    /// The link it walks.
    public var link: String
    /// The hub whose key leads (`from_hub`).
    public var fromHub: String
    /// The hub at the other end (`to_hub`).
    public var toHub: String

    public init(name: String, description: String = "", link: String, fromHub: String, toHub: String) {
        self.name = name
        self.description = description
        self.link = link
        self.fromHub = fromHub
        self.toHub = toHub
    }
}
