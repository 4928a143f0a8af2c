// ModelValidator.swift: what a model's parts refer to, checked: names, sources, columns, types.

import VaultColumnar

/// Checks a model beyond its shape: every hub, link, satellite and source it names exists, every
/// key, payload and filter column is in its source with a type fit for its use, derived columns
/// and lookups type-check and form no cycle, and no two tables share a name. Each mistake is a
/// ``ModelDiagnostic`` naming the file, line and field.
public struct ModelValidator {
    let model: DataVaultModel
    let file: String
    let lines: [String: Int]
    /// Names whose own declaration had a mistake: references to them are not reported again.
    let incomplete: Set<String>
    let declaredTables: [(name: String, section: String, path: String)]
    let declaredParentKeys: [String: String]
    /// Tables with a mistake found here (a link naming an unknown hub): checks that depend on
    /// what was wrong are not made.
    var broken = Set<String>()
    private(set) var diagnostics = [ModelDiagnostic]()

    init(_ read: ReadModel, file: String) {
        model = read.model
        self.file = file
        lines = read.lines
        incomplete = read.incomplete
        declaredTables = read.declaredTables
        declaredParentKeys = read.declaredParentKeys
    }

    /// The mistakes in `model` (built in code, so reported without lines): its references,
    /// columns, types and cycles. The shapes (valid names, non-empty lists, known placeholders)
    /// are checked by ``ModelFile/read(_:fileName:)`` as it reads.
    public static func check(_ model: DataVaultModel, file: String = "model") -> [ModelDiagnostic] {
        var tables = [(name: String, section: String, path: String)]()
        func add(_ names: [String], _ section: String) { tables += names.map { ($0, section, "\(section).\($0)") } }
        add(model.hubs.map(\.name), "hubs")
        add(model.links.map(\.name), "links")
        add(model.satellites.map(\.name), "satellites")
        add(model.multiActiveSatellites.map(\.name), "multi_active_satellites")
        add(model.effectivitySatellites.map(\.name), "effectivity_satellites")
        add(model.pointInTimeTables.map(\.name), "pits")
        add(model.bridges.map(\.name), "bridges")
        let read = ReadModel(model: model, lines: [:], incomplete: [], declaredTables: tables, declaredParentKeys: [:], diagnostics: [])
        var validator = ModelValidator(read, file: file)
        validator.run()
        return validator.diagnostics
    }

    /// Runs every check.
    mutating func run() {
        checkTableNames()
        checkSources()
        checkHubs()
        checkLinks()
        checkSatellites()
        checkLookupCycles()
        checkMultiActiveSatellites()
        checkEffectivitySatellites()
        checkPointInTimeTables()
        checkBridges()
        checkVaultDictionary()
    }

    // MARK: reporting

    mutating func report(_ kind: ModelDiagnostic.Kind, _ path: String, _ message: String) {
        diagnostics.append(ModelDiagnostic(file: file, line: line(of: path), field: path, kind: kind, message: message))
    }

    /// The line of `path` or of its nearest ancestor that was read.
    func line(of path: String) -> Int {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return lines[""] ?? 0
    }

    /// Whether a mistake about `name` would repeat one already reported at its declaration.
    func alreadyReported(_ name: String) -> Bool {
        incomplete.contains(name) || (declaredTables.contains { $0.name == name } && !model.tableNames.contains(name))
    }

    static func list(_ names: [String]) -> String { names.isEmpty ? "none declared" : names.joined(separator: ", ") }

    // MARK: references

    /// The source called `name`, or a report at `path` that there is none.
    mutating func source(_ name: String, at path: String) -> SourceModel? {
        if let source = model.source(name) { return source }
        if !incomplete.contains(name) {
            report(.unknownReference, path, "unknown source '\(name)' (sources: \(Self.list(model.sources.map(\.name))))")
        }
        return nil
    }

    /// The hub called `name`, or a report at `path` that there is none.
    mutating func hub(_ name: String, at path: String) -> HubModel? {
        if let hub = model.hub(name) { return hub }
        if !alreadyReported(name) { report(.unknownReference, path, "unknown hub '\(name)' (hubs: \(Self.list(model.hubs.map(\.name))))") }
        return nil
    }

    /// The link called `name`, or a report at `path` that there is none.
    mutating func link(_ name: String, at path: String) -> LinkModel? {
        if let link = model.link(name) { return link }
        if !alreadyReported(name) { report(.unknownReference, path, "unknown link '\(name)' (links: \(Self.list(model.links.map(\.name))))") }
        return nil
    }

    /// The column `name` of `source`, or a report at `path` that it has none.
    mutating func column(_ name: String, of source: SourceModel, at path: String, role: String = "column") -> Field? {
        if let field = source.field(name) { return field }
        if !incomplete.contains(source.name) {
            report(.missingColumn, path, "\(role) '\(name)' is not a column of source \(source.name) (columns: \(Self.list(source.fields.map(\.name))))")
        }
        return nil
    }

    /// Reports at `path` the first column of `columns` that repeats an earlier one of the table.
    mutating func checkDistinctColumns(_ table: String, _ columns: [(name: String, role: String)], at path: String) {
        var seen = [String: String]()
        for (name, role) in columns {
            if let earlier = seen[name] {
                report(.duplicateName, path, "\(table) would store two columns named '\(name)' (its \(earlier) and its \(role))")
                return
            }
            seen[name] = role
        }
    }

    /// The columns every hub, link and satellite stores besides its own.
    var metadataColumns: [(name: String, role: String)] {
        [(model.loadDate.srcLdts, "load date"), (model.recordSource.srcSource, "record source")]
    }

    // MARK: names

    mutating func checkTableNames() {
        var first = [String: (section: String, path: String)]()
        for (name, section, path) in declaredTables {
            if let earlier = first[name] {
                report(.duplicateName, path, "table '\(name)' is already declared in \(earlier.section) at line \(line(of: earlier.path)); "
                       + "table names are unique across the model")
            } else {
                first[name] = (section, path)
            }
        }
    }

    // MARK: sources, hubs and links

    mutating func checkSources() {
        for source in model.sources {
            for (i, name) in source.dictionary.enumerated() {
                let path = "sources.\(source.name).dictionary[\(i)]"
                guard let field = column(name, of: source, at: path, role: "dictionary column") else { continue }
                if field.type != .string {
                    report(.typeMismatch, path, "dictionary column '\(name)' is \(field.type); only string columns are dictionary encoded")
                }
            }
        }
    }

    mutating func checkHubs() {
        for hub in model.hubs {
            let path = "hubs.\(hub.name)"
            checkDistinctColumns(hub.name, [(hub.srcPk, "src_pk")] + hub.srcNk.map { ($0, "business key") } + metadataColumns, at: path)
            var seen = Set<String>()
            for (i, entry) in hub.sources.enumerated() {
                let itemPath = "\(path).sources[\(i)]"
                guard seen.insert(entry.table).inserted else {
                    report(.duplicateName, itemPath, "source '\(entry.table)' is listed twice")
                    continue
                }
                guard let source = source(entry.table, at: itemPath) else { continue }
                for (k, name) in entry.columns.enumerated() {
                    let columnPath = lines["\(itemPath).src_nk[\(k)]"] != nil ? "\(itemPath).src_nk[\(k)]" : "\(path).src_nk[\(k)]"
                    checkBusinessKey(name, of: source, at: columnPath)
                }
            }
        }
    }

    /// A business-key column: present in its source, and text.
    mutating func checkBusinessKey(_ name: String, of source: SourceModel, at path: String) {
        guard let field = column(name, of: source, at: path, role: "business-key column") else { return }
        if field.type != .string {
            report(.typeMismatch, path, "business-key column '\(name)' of \(source.name) is \(field.type); business keys are strings")
        }
    }

    mutating func checkLinks() {
        for link in model.links {
            let path = "links.\(link.name)"
            var hubs = [HubModel?]()
            for (i, name) in link.srcFk.enumerated() { hubs.append(hub(name, at: "\(path).src_fk[\(i)]")) }
            if hubs.contains(where: { $0 == nil }) { broken.insert(link.name) }
            if link.srcFk.count < 2 {
                report(.invalidValue, "\(path).src_fk", "a link joins at least two hubs (src_fk names \(link.srcFk.count))")
            }
            checkDistinctColumns(link.name, [(link.srcPk, "src_pk")] + hubs.compactMap { $0.map { ($0.srcPk, "key of \($0.name)") } }
                                 + metadataColumns, at: path)
            var seen = Set<String>()
            for (i, entry) in link.sources.enumerated() {
                let itemPath = "\(path).sources[\(i)]"
                guard seen.insert(entry.table).inserted else {
                    report(.duplicateName, itemPath, "source '\(entry.table)' is listed twice")
                    continue
                }
                guard let source = source(entry.table, at: itemPath) else { continue }
                for (h, hub) in hubs.enumerated() {
                    guard let hub, h < entry.columns.count else { continue }
                    let columnPath = lines["\(itemPath).columns.\(hub.name)"] != nil ? "\(itemPath).columns.\(hub.name)" : itemPath
                    let columns = entry.columns[h]
                    guard columns.count == hub.srcNk.count else {
                        report(.invalidValue, columnPath, "\(hub.name) has \(hub.srcNk.count) business-key column\(hub.srcNk.count == 1 ? "" : "s"), "
                               + "\(columns.count) given for source \(source.name)")
                        continue
                    }
                    for name in columns { checkBusinessKey(name, of: source, at: columnPath) }
                }
                if let filter = entry.filter {
                    let filterPath = "\(itemPath).where.column"
                    if let field = column(filter.column, of: source, at: filterPath, role: "filter column"), field.type != .string {
                        report(.typeMismatch, filterPath, "filter column '\(filter.column)' is \(field.type); not_equal compares business-key text")
                    }
                }
            }
        }
    }
}
