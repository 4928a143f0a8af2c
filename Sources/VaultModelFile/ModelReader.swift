// ModelReader.swift: a model file's YAML to a DataVaultModel, shape by shape.

import VaultColumnar
import VaultHashing
import Yams

/// What reading the file's structure gave: the model (without the parts that had mistakes), the
/// line of every field path, and the mistakes found so far.
struct ReadModel {
    var model: DataVaultModel
    /// The line of each field path (`links.link_sales.src_fk[2]`).
    var lines: [String: Int]
    /// Sources and tables that had a mistake of their own: references to their columns are not
    /// checked again (one mistake, one message).
    var incomplete: Set<String>
    /// Every table name as declared, in file order, with its section and path (duplicates kept).
    var declaredTables: [(name: String, section: String, path: String)]
    /// `src_pk` as a satellite or multi-active satellite wrote it (optional: the parent's key).
    var declaredParentKeys: [String: String]
    var diagnostics: [ModelDiagnostic]
    /// Whether the file was YAML with a mapping at its root (only then are references checked).
    var parsed = false
}

/// Reads the shapes of a model file (see docs/MODEL-FILES.md); ``ModelValidator`` then checks
/// what refers to what.
enum ModelReader {
    /// The format version this reader understands (`vaultsim_model: 1`).
    static let formatVersion = "1"

    static let topKeys = ["vaultsim_model", "name", "description", "hashing", "load_date", "record_source", "sources", "hubs",
                          "links", "satellites", "multi_active_satellites", "effectivity_satellites", "pits", "bridges",
                          "vault_dictionary"]

    /// Reads `text`; a YAML syntax error gives that one diagnostic and an empty model.
    static func read(_ text: String, file: String) -> ReadModel {
        let reader = NodeReader(file: file)
        var read = ReadModel(model: DataVaultModel(name: "", recordSource: RecordSourceRule(pattern: "")), lines: [:],
                             incomplete: [], declaredTables: [], declaredParentKeys: [:], diagnostics: [])
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            read.diagnostics = [YAMLSyntax.diagnostic(error, text: text, file: file)]
            return read
        }
        guard let root, !NodeReader.isNull(root) else {
            read.diagnostics = [ModelDiagnostic(file: file, line: 0, field: "", kind: .missingField,
                                                message: "the file declares nothing (a model starts with 'vaultsim_model: 1')")]
            return read
        }
        reader.record("", root)
        if let fields = reader.fields(root, "", allowed: topKeys,
                                      required: ["vaultsim_model", "name", "load_date", "record_source", "sources", "hubs"]) {
            read.parsed = true
            var tables = TableReader(reader: reader)
            tables.readRoot(fields, into: &read)
        }
        read.lines = reader.lines
        read.diagnostics = reader.diagnostics
        return read
    }
}

/// Reads each section of the file into the model.
struct TableReader {
    let reader: NodeReader

    /// Runs `body` (which reads the entry `name`); the entry is incomplete when it reported a mistake.
    func entry(_ name: String, incomplete: inout Set<String>, _ body: () -> Void) {
        let before = reader.diagnostics.count
        body()
        if reader.diagnostics.count > before { incomplete.insert(name) }
    }

    mutating func readRoot(_ fields: [String: Node], into read: inout ReadModel) {
        if let node = fields["vaultsim_model"], let version = reader.text(node, "vaultsim_model"), version != ModelReader.formatVersion {
            reader.report(.invalidValue, "vaultsim_model",
                          "unsupported format version '\(version)' (this vaultsim reads version \(ModelReader.formatVersion))")
        }
        if let node = fields["name"], let name = reader.name(node, "name") { read.model.name = name }
        if let node = fields["description"], let text = reader.text(node, "description") { read.model.description = text }
        if let node = fields["hashing"], let hashing = hashing(node) { read.model.hashing = hashing }
        if let node = fields["load_date"], let rule = loadDate(node) { read.model.loadDate = rule }
        if let node = fields["record_source"], let rule = recordSource(node) { read.model.recordSource = rule }
        if let node = fields["sources"] {
            if NodeReader.isNull(node) { reader.report(.missingField, "sources", "a model declares at least one source table") }
            sources(node, into: &read)
        }
        if let node = fields["hubs"] {
            if NodeReader.isNull(node) { reader.report(.missingField, "hubs", "a model declares at least one hub") }
            hubs(node, into: &read)
        }
        if let node = fields["links"] { links(node, into: &read) }
        if let node = fields["satellites"] { satellites(node, into: &read) }
        if let node = fields["multi_active_satellites"] { multiActiveSatellites(node, into: &read) }
        if let node = fields["effectivity_satellites"] { effectivitySatellites(node, into: &read) }
        if let node = fields["pits"] { pointInTimeTables(node, into: &read) }
        if let node = fields["bridges"] { bridges(node, into: &read) }
        if let node = fields["vault_dictionary"], let names = reader.names(node, "vault_dictionary", single: false, nonEmpty: false) {
            read.model.vaultDictionary = names
        }
    }

    // MARK: rules

    func hashing(_ node: Node) -> HashingRule? {
        guard let fields = reader.fields(node, "hashing", allowed: ["algorithm", "key_format", "profile", "hex_case"],
                                         required: ["algorithm", "key_format", "profile"]) else { return nil }
        var rule = HashingRule()
        var valid = fields.count >= 3
        func choice<T>(_ key: String, _ parse: (String) -> T?, _ names: [String]) -> T? {
            guard let node = fields[key], let text = reader.text(node, "hashing.\(key)") else { return nil }
            guard let value = parse(text) else {
                reader.report(.invalidValue, "hashing.\(key)", "unknown \(key.replacingUnderscores) '\(text)' (one of: \(names.joined(separator: ", ")))")
                valid = false
                return nil
            }
            return value
        }
        if let v = choice("algorithm", HashAlgorithm.init(name:), HashAlgorithm.allCases.map(\.rawValue)) { rule.algorithm = v }
        if let v = choice("key_format", KeyFormat.init(rawValue:), KeyFormat.allCases.map(\.rawValue)) { rule.keyFormat = v }
        if let v = choice("profile", HashProfile.init(rawValue:), HashProfile.allCases.map(\.rawValue)) { rule.profile = v }
        if fields["hex_case"] != nil { rule.hexCase = choice("hex_case", HexCase.init(rawValue:), HexCase.allCases.map(\.rawValue)) }
        return valid ? rule : nil
    }

    func loadDate(_ node: Node) -> LoadDateRule? {
        guard let fields = reader.fields(node, "load_date", allowed: ["src_ldts", "rule"], required: ["src_ldts", "rule"]) else { return nil }
        var rule = LoadDateRule()
        if let node = fields["src_ldts"], let name = reader.name(node, "load_date.src_ldts") { rule.srcLdts = name }
        if let node = fields["rule"], let text = reader.text(node, "load_date.rule") {
            if let value = LoadDateRule.Rule(rawValue: text) { rule.rule = value } else {
                reader.report(.invalidValue, "load_date.rule",
                              "unknown load-date rule '\(text)' (one of: \(LoadDateRule.Rule.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        return rule
    }

    func recordSource(_ node: Node) -> RecordSourceRule? {
        guard let fields = reader.fields(node, "record_source", allowed: ["src_source", "rule"], required: ["src_source", "rule"]) else { return nil }
        var rule = RecordSourceRule(pattern: "{TABLE}")
        if let node = fields["src_source"], let name = reader.name(node, "record_source.src_source") { rule.srcSource = name }
        if let node = fields["rule"], let text = reader.text(node, "record_source.rule") {
            if let bad = RecordSourceRule.unknownPlaceholder(in: text) {
                reader.report(.invalidValue, "record_source.rule",
                              "unknown placeholder '\(bad)' (placeholders: \(RecordSourceRule.placeholders.joined(separator: ", ")))")
            } else if text.isEmpty {
                reader.report(.invalidValue, "record_source.rule", "the rule is empty")
            } else {
                rule.pattern = text
            }
        }
        return rule
    }

    // MARK: sources

    static let typeNames = "int32, int64, double, decimal(P,S), date, time, timestamp, bool, string, fixed_binary(N)"

    /// A column type as written (`decimal(10, 2)` and `decimal(10,2)` alike).
    func columnType(_ node: Node, _ path: String) -> ColumnType? {
        guard let text = reader.text(node, path) else { return nil }
        guard let type = ColumnType(parsing: text.filter { $0 != " " }) else {
            let hint = text.contains("(") && !text.contains(")") ? "; inside { } a comma ends the value, so quote it: \"decimal(10,2)\"" : ""
            reader.report(.invalidValue, path, "unknown type '\(text)' (types: \(Self.typeNames))\(hint)")
            return nil
        }
        return type
    }

    func sources(_ node: Node, into read: inout ReadModel) {
        for (name, path, body) in reader.entries(node, "sources", what: "source table") {
            var incomplete = read.incomplete
            defer { read.incomplete = incomplete }
            entry(name, incomplete: &incomplete) {
                guard let fields = reader.fields(body, path, allowed: ["description", "columns", "dictionary"], required: ["columns"])
                else { return }
                var source = SourceModel(name: name, fields: [])
                if let node = fields["description"], let text = reader.text(node, "\(path).description") { source.description = text }
                if let node = fields["columns"] {
                    for (column, columnPath, body) in reader.entries(node, "\(path).columns", what: "column") {
                        if let field = self.column(column, body, columnPath) { source.fields.append(field) }
                    }
                    if source.fields.isEmpty && NodeReader.isNull(node) {
                        reader.report(.missingField, "\(path).columns", "a source table has at least one column")
                    }
                }
                if let node = fields["dictionary"], let names = reader.names(node, "\(path).dictionary", single: false, nonEmpty: false) {
                    source.dictionary = names
                }
                read.model.sources.append(source)
            }
        }
    }

    /// `name: type` or `name: {type: T, nullable: false}`.
    func column(_ name: String, _ node: Node, _ path: String) -> Field? {
        if node.mapping == nil {
            return columnType(node, path).map { Field(name, $0) }
        }
        guard let fields = reader.fields(node, path, allowed: ["type", "nullable"], required: ["type"]),
              let typeNode = fields["type"], let type = columnType(typeNode, "\(path).type") else { return nil }
        var nullable = true
        if let node = fields["nullable"] {
            guard let value = reader.bool(node, "\(path).nullable") else { return nil }
            nullable = value
        }
        return Field(name, type, nullable: nullable)
    }

    // MARK: hubs and links

    func hubs(_ node: Node, into read: inout ReadModel) {
        for (name, path, body) in reader.entries(node, "hubs", what: "hub") {
            read.declaredTables.append((name, "hubs", path))
            var incomplete = read.incomplete
            defer { read.incomplete = incomplete }
            entry(name, incomplete: &incomplete) {
                guard let fields = reader.fields(body, path, allowed: ["description", "src_pk", "src_nk", "sources"],
                                                 required: ["src_pk", "src_nk", "sources"]),
                      let pk = fields["src_pk"].flatMap({ reader.name($0, "\(path).src_pk") }),
                      let nk = fields["src_nk"].flatMap({ reader.names($0, "\(path).src_nk") }),
                      let sourcesNode = fields["sources"] else { return }
                var hub = HubModel(name: name, srcPk: pk, srcNk: nk, sources: [])
                if let node = fields["description"], let text = reader.text(node, "\(path).description") { hub.description = text }
                let items = reader.items(sourcesNode, "\(path).sources", what: "source tables")
                if NodeReader.isEmptyList(sourcesNode) {
                    reader.report(.missingField, "\(path).sources", "a hub has at least one source")
                }
                for (itemPath, item) in items {
                    if item.mapping == nil {
                        if let table = reader.name(item, itemPath) { hub.sources.append(HubSourceModel(table: table, columns: nk)) }
                        continue
                    }
                    guard let source = reader.fields(item, itemPath, allowed: ["source", "src_nk"], required: ["source"]),
                          let table = source["source"].flatMap({ reader.name($0, "\(itemPath).source") }) else { continue }
                    var columns = nk
                    if let node = source["src_nk"] {
                        guard let names = reader.names(node, "\(itemPath).src_nk") else { continue }
                        if names.count != nk.count {
                            reader.report(.invalidValue, "\(itemPath).src_nk",
                                          "names \(names.count) business-key column\(names.count == 1 ? "" : "s"), the hub's src_nk has \(nk.count)")
                            continue
                        }
                        columns = names
                    }
                    hub.sources.append(HubSourceModel(table: table, columns: columns))
                }
                read.model.hubs.append(hub)
            }
        }
    }

    func links(_ node: Node, into read: inout ReadModel) {
        for (name, path, body) in reader.entries(node, "links", what: "link") {
            read.declaredTables.append((name, "links", path))
            var incomplete = read.incomplete
            defer { read.incomplete = incomplete }
            entry(name, incomplete: &incomplete) {
                guard let fields = reader.fields(body, path, allowed: ["description", "src_pk", "src_fk", "sources"],
                                                 required: ["src_pk", "src_fk", "sources"]),
                      let pk = fields["src_pk"].flatMap({ reader.name($0, "\(path).src_pk") }),
                      let fk = fields["src_fk"].flatMap({ reader.names($0, "\(path).src_fk", single: false) }),
                      let sourcesNode = fields["sources"] else { return }
                var link = LinkModel(name: name, srcPk: pk, srcFk: fk, sources: [])
                if let node = fields["description"], let text = reader.text(node, "\(path).description") { link.description = text }
                let defaults = fk.map { read.model.hub($0)?.srcNk ?? [] }
                let items = reader.items(sourcesNode, "\(path).sources", what: "sources")
                if NodeReader.isEmptyList(sourcesNode) {
                    reader.report(.missingField, "\(path).sources", "a link has at least one source")
                }
                for (itemPath, item) in items {
                    if item.mapping == nil {
                        if let table = reader.name(item, itemPath) { link.sources.append(LinkSourceModel(table: table, columns: defaults)) }
                        continue
                    }
                    guard let source = reader.fields(item, itemPath, allowed: ["source", "columns", "where"], required: ["source"]),
                          let table = source["source"].flatMap({ reader.name($0, "\(itemPath).source") }) else { continue }
                    var entry = LinkSourceModel(table: table, columns: defaults)
                    if let node = source["columns"] {
                        for (hub, columnPath, value) in reader.entries(node, "\(itemPath).columns", what: "hub") {
                            guard let i = fk.firstIndex(of: hub) else {
                                reader.report(.unknownReference, columnPath,
                                              "'\(hub)' is not in the link's src_fk (\(fk.joined(separator: ", ")))")
                                continue
                            }
                            if let names = reader.names(value, columnPath) { entry.columns[i] = names }
                        }
                    }
                    if let node = source["where"] {
                        let wherePath = "\(itemPath).where"
                        if let filter = reader.fields(node, wherePath, allowed: ["column", "not_equal"], required: ["column", "not_equal"]),
                           let column = filter["column"].flatMap({ reader.name($0, "\(wherePath).column") }),
                           let value = filter["not_equal"].flatMap({ reader.text($0, "\(wherePath).not_equal") }) {
                            entry.filter = RowFilter(column: column, notEqual: value)
                        }
                    }
                    link.sources.append(entry)
                }
                read.model.links.append(link)
            }
        }
    }

    // MARK: satellites

    func satellites(_ node: Node, into read: inout ReadModel) {
        for (name, path, body) in reader.entries(node, "satellites", what: "satellite") {
            read.declaredTables.append((name, "satellites", path))
            var incomplete = read.incomplete
            defer { read.incomplete = incomplete }
            entry(name, incomplete: &incomplete) {
                guard let fields = reader.fields(body, path, allowed: ["description", "parent", "source", "src_pk", "src_hashdiff",
                                                                       "src_payload", "derived_columns"],
                                                 required: ["parent", "source", "src_hashdiff", "src_payload"]),
                      let parent = fields["parent"].flatMap({ reader.name($0, "\(path).parent") }),
                      let source = fields["source"].flatMap({ reader.name($0, "\(path).source") }),
                      let hashdiff = fields["src_hashdiff"].flatMap({ reader.name($0, "\(path).src_hashdiff") }),
                      let payload = fields["src_payload"].flatMap({ reader.names($0, "\(path).src_payload", single: false) })
                else { return }
                var satellite = SatelliteModel(name: name, parent: parent, source: source, srcHashdiff: hashdiff, payload: payload)
                if let node = fields["description"], let text = reader.text(node, "\(path).description") { satellite.description = text }
                if let node = fields["src_pk"], let pk = reader.name(node, "\(path).src_pk") { read.declaredParentKeys[name] = pk }
                if let node = fields["derived_columns"] {
                    for (column, columnPath, body) in reader.entries(node, "\(path).derived_columns", what: "derived column") {
                        if let derived = derivedColumn(column, body, columnPath) { satellite.derivedColumns.append(derived) }
                    }
                }
                read.model.satellites.append(satellite)
            }
        }
    }

    func derivedColumn(_ name: String, _ node: Node, _ path: String) -> DerivedColumn? {
        guard let fields = reader.fields(node, path, allowed: ["type", "expression", "description"], required: ["type", "expression"]),
              let type = fields["type"].flatMap({ columnType($0, "\(path).type") }),
              let text = fields["expression"].flatMap({ reader.text($0, "\(path).expression") }) else { return nil }
        let expression: ModelExpression
        do {
            expression = try ExpressionParser.parse(text)
        } catch {
            reader.report(.invalidValue, "\(path).expression", "cannot read '\(text)': \(error)")
            return nil
        }
        var column = DerivedColumn(name: name, type: type, expression: expression)
        if let node = fields["description"], let text = reader.text(node, "\(path).description") { column.description = text }
        return column
    }

    func multiActiveSatellites(_ node: Node, into read: inout ReadModel) {
        for (name, path, body) in reader.entries(node, "multi_active_satellites", what: "multi-active satellite") {
            read.declaredTables.append((name, "multi_active_satellites", path))
            var incomplete = read.incomplete
            defer { read.incomplete = incomplete }
            entry(name, incomplete: &incomplete) {
                guard let fields = reader.fields(body, path, allowed: ["description", "parent", "source", "src_pk", "src_hashdiff",
                                                                       "src_cdk", "src_payload"],
                                                 required: ["parent", "source", "src_hashdiff", "src_cdk", "src_payload"]),
                      let parent = fields["parent"].flatMap({ reader.name($0, "\(path).parent") }),
                      let source = fields["source"].flatMap({ reader.name($0, "\(path).source") }),
                      let hashdiff = fields["src_hashdiff"].flatMap({ reader.name($0, "\(path).src_hashdiff") }),
                      let cdk = fields["src_cdk"].flatMap({ reader.names($0, "\(path).src_cdk") }),
                      let payload = fields["src_payload"].flatMap({ reader.names($0, "\(path).src_payload", single: false) })
                else { return }
                var satellite = MultiActiveSatelliteModel(name: name, parent: parent, source: source, srcHashdiff: hashdiff,
                                                          srcCdk: cdk, payload: payload)
                if let node = fields["description"], let text = reader.text(node, "\(path).description") { satellite.description = text }
                if let node = fields["src_pk"], let pk = reader.name(node, "\(path).src_pk") { read.declaredParentKeys[name] = pk }
                read.model.multiActiveSatellites.append(satellite)
            }
        }
    }

    func effectivitySatellites(_ node: Node, into read: inout ReadModel) {
        for (name, path, body) in reader.entries(node, "effectivity_satellites", what: "effectivity satellite") {
            read.declaredTables.append((name, "effectivity_satellites", path))
            var incomplete = read.incomplete
            defer { read.incomplete = incomplete }
            entry(name, incomplete: &incomplete) {
                guard let fields = reader.fields(body, path, allowed: ["description", "link", "source", "src_dfk", "src_sfk",
                                                                       "src_start_date", "src_end_date"],
                                                 required: ["link", "source", "src_dfk", "src_start_date", "src_end_date"]),
                      let link = fields["link"].flatMap({ reader.name($0, "\(path).link") }),
                      let source = fields["source"].flatMap({ reader.name($0, "\(path).source") }),
                      let dfk = fields["src_dfk"].flatMap({ reader.name($0, "\(path).src_dfk") }),
                      let start = fields["src_start_date"].flatMap({ reader.name($0, "\(path).src_start_date") }),
                      let end = fields["src_end_date"].flatMap({ reader.name($0, "\(path).src_end_date") })
                else { return }
                var sfk = (read.model.link(link)?.srcFk ?? []).filter { $0 != dfk }
                if let node = fields["src_sfk"] {
                    guard let names = reader.names(node, "\(path).src_sfk") else { return }
                    sfk = names
                }
                var satellite = EffectivitySatelliteModel(name: name, link: link, source: source, srcDfk: dfk, srcSfk: sfk,
                                                          srcStartDate: start, srcEndDate: end)
                if let node = fields["description"], let text = reader.text(node, "\(path).description") { satellite.description = text }
                read.model.effectivitySatellites.append(satellite)
            }
        }
    }

    // MARK: business vault

    func pointInTimeTables(_ node: Node, into read: inout ReadModel) {
        for (name, path, body) in reader.entries(node, "pits", what: "point-in-time table") {
            read.declaredTables.append((name, "pits", path))
            var incomplete = read.incomplete
            defer { read.incomplete = incomplete }
            entry(name, incomplete: &incomplete) {
                guard let fields = reader.fields(body, path, allowed: ["description", "hub", "satellites"], required: ["hub", "satellites"]),
                      let hub = fields["hub"].flatMap({ reader.name($0, "\(path).hub") }),
                      let satellites = fields["satellites"].flatMap({ reader.names($0, "\(path).satellites") })
                else { return }
                var pit = PointInTimeModel(name: name, hub: hub, satellites: satellites)
                if let node = fields["description"], let text = reader.text(node, "\(path).description") { pit.description = text }
                read.model.pointInTimeTables.append(pit)
            }
        }
    }

    func bridges(_ node: Node, into read: inout ReadModel) {
        for (name, path, body) in reader.entries(node, "bridges", what: "bridge") {
            read.declaredTables.append((name, "bridges", path))
            var incomplete = read.incomplete
            defer { read.incomplete = incomplete }
            entry(name, incomplete: &incomplete) {
                guard let fields = reader.fields(body, path, allowed: ["description", "link", "from_hub", "to_hub"],
                                                 required: ["link", "from_hub", "to_hub"]),
                      let link = fields["link"].flatMap({ reader.name($0, "\(path).link") }),
                      let from = fields["from_hub"].flatMap({ reader.name($0, "\(path).from_hub") }),
                      let to = fields["to_hub"].flatMap({ reader.name($0, "\(path).to_hub") })
                else { return }
                var bridge = BridgeModel(name: name, link: link, fromHub: from, toHub: to)
                if let node = fields["description"], let text = reader.text(node, "\(path).description") { bridge.description = text }
                read.model.bridges.append(bridge)
            }
        }
    }
}

extension String {
    /// `key_format` as words: `key format`.
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
