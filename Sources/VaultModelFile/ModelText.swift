// ModelText.swift: a model and its load plan as text for people (`vaultsim model check|show`).

/// Renders a model for the terminal: a one-line summary, its tables, and its load plan.
public enum ModelText {
    /// `retail.yaml: OK, 5 hubs, 2 links, 8 satellites, ... (7 sources)`
    public static func summary(_ model: DataVaultModel, file: String) -> String {
        func count(_ n: Int, _ singular: String, _ plural: String) -> String? { n == 0 ? nil : "\(n) \(n == 1 ? singular : plural)" }
        let parts = [
            count(model.hubs.count, "hub", "hubs"), count(model.links.count, "link", "links"),
            count(model.satellites.count, "satellite", "satellites"),
            count(model.multiActiveSatellites.count, "multi-active satellite", "multi-active satellites"),
            count(model.effectivitySatellites.count, "effectivity satellite", "effectivity satellites"),
            count(model.pointInTimeTables.count, "point-in-time table", "point-in-time tables"),
            count(model.bridges.count, "bridge", "bridges"),
        ].compactMap { $0 }
        return "\(file): OK, \(parts.joined(separator: ", ")) (\(count(model.sources.count, "source", "sources") ?? "no sources"))"
    }

    /// The model's rules and tables, a block per section.
    public static func tables(_ model: DataVaultModel) -> String {
        var out = ["model \(model.name)"]
        if !model.description.isEmpty { out += wrap(model.description.split(separator: " ").map(String.init), indent: "  ", separator: " ") }
        let hashing = model.hashing
        out.append("hashing: \(hashing.algorithm.rawValue), \(hashing.keyFormat.rawValue) keys, \(hashing.profile.rawValue) profile"
                   + (hashing.hexCase.map { ", \($0.rawValue)case hex" } ?? ""))
        out.append("load date: \(model.loadDate.srcLdts), \(model.loadDate.rule.rawValue) (the batch's business date at 00:00:00 UTC)")
        let example = model.sources.first.map { " (\($0.name): \(model.recordSource.recordSource(of: $0.name)))" } ?? ""
        out.append("record source: \(model.recordSource.srcSource) = \(model.recordSource.pattern)\(example)")

        section(&out, "sources", model.sources) { source in
            let dictionary = source.dictionary.isEmpty ? "" : "; dictionary: \(source.dictionary.joined(separator: ", "))"
            return ["\(source.name) (\(source.fields.count) columns\(dictionary))"]
                + wrap(source.fields.map { "\($0.name) \($0.type)\($0.nullable ? "" : " not null")" }, indent: "    ")
        }
        section(&out, "hubs", model.hubs) { hub in
            let sources = hub.sources.map { $0.columns == hub.srcNk ? $0.table : "\($0.table) (\($0.columns.joined(separator: ", ")))" }
            return ["\(hub.name): key \(hub.srcPk), business key \(hub.srcNk.joined(separator: " + ")); from \(sources.joined(separator: ", "))"]
        }
        section(&out, "links", model.links) { link in
            ["\(link.name): key \(link.srcPk), hubs \(link.srcFk.joined(separator: ", "))"]
                + link.sources.map { source in
                    "    from \(source.table): \(source.columns.map { $0.joined(separator: " + ") }.joined(separator: ", "))"
                        + (source.filter.map { " where \($0)" } ?? "")
                }
        }
        section(&out, "satellites", model.satellites) { satellite in
            let derived = Set(satellite.derivedColumns.map(\.name))
            let fields = model.payloadFields(of: satellite)
            return ["\(satellite.name): of \(satellite.parent), from \(satellite.source), hashdiff \(satellite.srcHashdiff)"]
                + wrap(fields.filter { !derived.contains($0.name) }.map { "\($0.name) \($0.type)" }, indent: "    ")
                + satellite.derivedColumns.map { "    \($0.name) \($0.type) = \($0.expression)" }
        }
        section(&out, "multi-active satellites", model.multiActiveSatellites) { satellite in
            ["\(satellite.name): of \(satellite.parent), from \(satellite.source), hashdiff \(satellite.srcHashdiff)",
             "    child key \(satellite.srcCdk.joined(separator: ", ")); payload \(satellite.payload.joined(separator: ", "))"]
        }
        section(&out, "effectivity satellites", model.effectivitySatellites) { satellite in
            ["\(satellite.name): of \(satellite.link), from \(satellite.source)",
             "    driving key \(satellite.srcDfk), other \(satellite.srcSfk.joined(separator: ", ")); "
                + "dates \(satellite.srcStartDate) to \(satellite.srcEndDate)"]
        }
        section(&out, "point-in-time tables", model.pointInTimeTables) { pit in
            ["\(pit.name): keys of \(pit.hub); versions of \(pit.satellites.joined(separator: ", "))"]
        }
        section(&out, "bridges", model.bridges) { bridge in
            ["\(bridge.name): rows of \(bridge.link), \(bridge.fromHub) to \(bridge.toHub)"]
        }
        if !model.vaultDictionary.isEmpty {
            out += ["", "vault columns dictionary encoded besides the sources' dictionary columns: \(model.vaultDictionary.joined(separator: ", "))"]
        }
        return out.joined(separator: "\n")
    }

    /// The plan: every job in order, its level (jobs of a level may run together) and what it waits for.
    public static func plan(_ plan: LoadPlan) -> String {
        guard let order = plan.order, let levels = plan.levels else { return "load plan: the jobs wait for each other in a circle" }
        let width = max(order.map { $0.description.count }.max() ?? 0, 3)
        let number = String(order.count).count
        var out = ["load plan: \(order.count) jobs, each after the jobs it waits for (jobs of one level may run at once)",
                   "  \(pad("#", number, right: true))  level  \(pad("job", width))  waits for"]
        for (i, job) in order.enumerated() {
            let waits = (plan.waits[job] ?? []).map { wait in
                wait.reason == "lookup" || wait.reason == "lookup keys" ? "\(wait.job) (\(wait.reason))" : wait.job.description
            }
            let line = "  \(pad(String(i + 1), number, right: true))  \(pad(String(levels[job] ?? 0), 5))  \(pad(job.description, width))  "
                + waits.joined(separator: ", ")
            out.append(String(line.reversed().drop { $0 == " " }.reversed()))
        }
        return out.joined(separator: "\n")
    }

    private static func section<T>(_ out: inout [String], _ title: String, _ items: [T], _ lines: (T) -> [String]) {
        guard !items.isEmpty else { return }
        out += ["", "\(title) (\(items.count))"]
        for item in items { out += lines(item).map { $0.hasPrefix("    ") ? $0 : "  " + $0 } }
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    /// `items` joined with `separator`, cut into lines of at most 100 characters after `indent`.
    private static func wrap(_ items: [String], indent: String, separator: String = ", ") -> [String] {
        var lines = [String](), line = ""
        for (i, item) in items.enumerated() {
            let piece = item + (i < items.count - 1 ? separator.trimmingTrailingSpace : "")
            if !line.isEmpty && indent.count + line.count + 1 + piece.count > 100 {
                lines.append(indent + line)
                line = piece
            } else {
                line += (line.isEmpty ? "" : " ") + piece
            }
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines
    }
}

extension String {
    /// `", "` without its trailing space (`","`).
    var trimmingTrailingSpace: String { String(reversed().drop { $0 == " " }.reversed()) }
}
