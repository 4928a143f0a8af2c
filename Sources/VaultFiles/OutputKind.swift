// OutputKind.swift: what a folder vaultsim writes is, and how vaultsim recognises its own.

/// The kinds of folder vaultsim writes. Each published folder (but a snapshot, whose format is
/// its proof) carries a marker file, ``OutputFolder/markerName``, holding `vaultsim <kind>`: vaultsim replaces a non-empty folder
/// only when that marker names the same kind (or, for folders written before markers existed,
/// when the kind's own format proves it), unless the user forces it.
public struct OutputKind: Sendable, Equatable, CustomStringConvertible {
    /// The kind's name, as written in the marker (`feed`, `snapshot`, ...).
    public let name: String
    /// Files whose presence proves a folder of this kind (written before markers existed, or of
    /// a kind whose own format is its proof).
    let formatFiles: [String]
    /// Whether a published folder gets the marker file (not a snapshot: its format lists every
    /// file it holds, and its checksum file proves it).
    let marked: Bool

    public var description: String { name }

    public init(name: String, formatFiles: [String] = [], marked: Bool = true) {
        self.name = name
        self.formatFiles = formatFiles
        self.marked = marked
    }

    /// A source feed (`generate --out`).
    public static let feed = OutputKind(name: "feed")
    /// A vault snapshot (`snapshot save`, `load --snapshot`); its checksum file is its format's proof.
    public static let snapshot = OutputKind(name: "snapshot", formatFiles: ["manifest.xxh64", "manifest.json"], marked: false)
    /// Sources and vault tables (`export`).
    public static let export = OutputKind(name: "export")
    /// Vault tables (`load --export`).
    public static let tables = OutputKind(name: "tables")
    /// A benchmark report (`bench run --out`, `bench render --out`).
    public static let benchReport = OutputKind(name: "bench report", formatFiles: ["results.json", "report.md"])
    /// A dbt project (`export-dbt`).
    public static let dbtProject = OutputKind(name: "dbt project")

    /// The marker file's content.
    var marker: [UInt8] { Array("vaultsim \(name)\n".utf8) }
}
