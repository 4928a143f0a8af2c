// ModelValidator+Satellites.swift: satellites, their derived columns and lookups, checked.

import VaultColumnar

extension ModelValidator {
    /// The parent (hub or link) called `name` with its key column and source tables, or a report.
    mutating func parent(_ name: String, at path: String) -> (key: String, sources: [String])? {
        if let hub = model.hub(name) { return (hub.srcPk, hub.sources.map(\.table)) }
        if let link = model.link(name) { return (link.srcPk, link.sources.map(\.table)) }
        if !alreadyReported(name) {
            report(.unknownReference, path, "unknown parent '\(name)' (hubs and links: \(Self.list(model.hubs.map(\.name) + model.links.map(\.name))))")
        }
        return nil
    }

    /// The checks every kind of satellite shares: parent, source (one the parent loads from) and
    /// `src_pk`. Returns the parent's key column and the source.
    mutating func checkSatelliteBase(name: String, parent: String, source: String, path: String) -> (key: String, source: SourceModel)? {
        let parentInfo = self.parent(parent, at: "\(path).parent")
        let sourceModel = self.source(source, at: "\(path).source")
        guard let parentInfo, let sourceModel else { return nil }
        if !parentInfo.sources.contains(source) && !incomplete.contains(parent) {
            report(.unknownReference, "\(path).source",
                   "source '\(source)' is not a source of \(parent) (its sources: \(Self.list(parentInfo.sources))); "
                   + "a satellite finds its parent's keys in its own source")
        }
        if let declared = declaredParentKeys[name], declared != parentInfo.key {
            report(.invalidValue, "\(path).src_pk", "src_pk '\(declared)' is not the key column of \(parent) ('\(parentInfo.key)')")
        }
        return (parentInfo.key, sourceModel)
    }

    mutating func checkSatellites() {
        for satellite in model.satellites {
            let path = "satellites.\(satellite.name)"
            guard let (key, source) = checkSatelliteBase(name: satellite.name, parent: satellite.parent, source: satellite.source, path: path)
            else { continue }
            let derivedNames = satellite.derivedColumns.map(\.name)
            for (i, name) in satellite.payload.enumerated() where source.field(name) == nil && !derivedNames.contains(name) {
                if !incomplete.contains(source.name) && !incomplete.contains(satellite.name) {
                    report(.missingColumn, "\(path).src_payload[\(i)]",
                           "payload column '\(name)' is neither a column of source \(source.name) (columns: \(Self.list(source.fields.map(\.name)))) "
                           + "nor a derived column")
                }
            }
            checkDistinctColumns(satellite.name, [(key, "parent key"), (satellite.srcHashdiff, "src_hashdiff")] + metadataColumns
                                 + satellite.payload.map { ($0, "payload column") }, at: path)
            for derived in satellite.derivedColumns {
                let columnPath = "\(path).derived_columns.\(derived.name)"
                if source.field(derived.name) != nil {
                    report(.duplicateName, columnPath, "derived column '\(derived.name)' has the name of a column of source \(source.name)")
                } else if !satellite.payload.contains(derived.name) {
                    report(.invalidValue, columnPath, "derived column '\(derived.name)' is not in src_payload, so it would not be stored")
                }
                checkDerived(derived, of: satellite, source: source, at: columnPath)
            }
            checkDerivedCycles(satellite, at: path)
        }
    }

    /// A derived column's references, lookups and type.
    mutating func checkDerived(_ derived: DerivedColumn, of satellite: SatelliteModel, source: SourceModel, at path: String) {
        let expressionPath = "\(path).expression"
        var columns = [String: ColumnType]()
        for field in source.fields { columns[field.name] = field.type }
        for other in satellite.derivedColumns where source.field(other.name) == nil { columns[other.name] = other.type }
        var known = true
        for name in derived.expression.columns where columns[name] == nil {
            known = false
            if !incomplete.contains(source.name) {
                report(.missingColumn, expressionPath,
                       "'\(name)' is neither a column of source \(source.name) nor a derived column of \(satellite.name)")
            }
        }
        var lookups = [ModelLookup: ColumnType]()
        for lookup in derived.expression.lookups where lookups[lookup] == nil {
            if let type = checkLookup(lookup, from: satellite, source: source, at: expressionPath) { lookups[lookup] = type } else { known = false }
        }
        guard known else { return }
        do {
            let type = try ExpressionTyping.type(of: derived.expression, columns: columns, lookups: lookups)
            if !ExpressionTyping.fits(type, derived.type) {
                report(.typeMismatch, "\(path).type", "the expression gives \(type), which does not fit the declared type \(derived.type)")
            }
        } catch {
            report(.typeMismatch, expressionPath, error.description)
        }
    }

    /// A lookup: a satellite of a hub that stores the column, keyed by that hub's business key in
    /// the looking satellite's source. Returns the looked-up column's type.
    mutating func checkLookup(_ lookup: ModelLookup, from satellite: SatelliteModel, source: SourceModel, at path: String) -> ColumnType? {
        guard let target = model.satellite(lookup.satellite) else {
            if model.multiActiveSatellites.contains(where: { $0.name == lookup.satellite })
                || model.effectivitySatellites.contains(where: { $0.name == lookup.satellite }) {
                report(.invalidValue, path, "\(lookup) reads '\(lookup.satellite)', which has several rows in force per key; "
                       + "a lookup reads a satellite")
            } else if !alreadyReported(lookup.satellite) {
                report(.unknownReference, path, "unknown satellite '\(lookup.satellite)' in \(lookup) "
                       + "(satellites: \(Self.list(model.satellites.map(\.name))))")
            }
            return nil
        }
        guard let field = model.payloadFields(of: target).first(where: { $0.name == lookup.column }) else {
            if !incomplete.contains(target.name) {
                report(.typeMismatch, path, "\(target.name) has no column '\(lookup.column)' to look up (its columns: \(Self.list(target.payload)))")
            }
            return nil
        }
        guard source.field(lookup.key) != nil else {
            if !incomplete.contains(source.name) {
                report(.missingColumn, path, "lookup key '\(lookup.key)' is not a column of source \(source.name)")
            }
            return nil
        }
        guard let hub = model.hub(target.parent) else {
            if model.link(target.parent) != nil {
                report(.invalidValue, path, "\(lookup) reads a satellite of link \(target.parent); a lookup finds versions by a hub's business key")
            }
            return nil
        }
        guard let keySource = hub.sources.first(where: { $0.table == source.name }) else {
            report(.invalidValue, path, "\(hub.name) does not load from \(source.name), so the rows' \(hub.name) keys are unknown; "
                   + "add \(source.name) to its sources")
            return nil
        }
        guard keySource.columns == [lookup.key] else {
            report(.invalidValue, path, "lookup key '\(lookup.key)' is not \(hub.name)'s business key in \(source.name) "
                   + "(\(keySource.columns.joined(separator: ", ")))")
            return nil
        }
        return field.type
    }

    /// Derived columns of one satellite must not depend on each other in a circle.
    mutating func checkDerivedCycles(_ satellite: SatelliteModel, at path: String) {
        let names = satellite.derivedColumns.map(\.name)
        var edges = [String: [String]]()
        for derived in satellite.derivedColumns { edges[derived.name] = derived.expression.columns.filter(names.contains) }
        if let cycle = DependencyCycle.find(nodes: names, edges: edges) {
            report(.cycle, "\(path).derived_columns.\(cycle[0]).expression",
                   "derived columns depend on each other: \(cycle.joined(separator: " -> "))")
        }
    }

    /// Satellites must not look each other up in a circle (each would wait for the other).
    mutating func checkLookupCycles() {
        let names = model.satellites.map(\.name)
        var edges = [String: [String]]()
        for satellite in model.satellites { edges[satellite.name] = satellite.lookedUpSatellites.filter(names.contains) }
        if let cycle = DependencyCycle.find(nodes: names, edges: edges),
           let satellite = model.satellite(cycle[0]),
           let derived = satellite.derivedColumns.first(where: { $0.expression.lookups.contains { $0.satellite == cycle[1] } }) {
            report(.cycle, "satellites.\(satellite.name).derived_columns.\(derived.name).expression",
                   "satellites look each other up: \(cycle.joined(separator: " -> ")); a lookup reads a satellite that loads before")
        }
    }

    mutating func checkMultiActiveSatellites() {
        for satellite in model.multiActiveSatellites {
            let path = "multi_active_satellites.\(satellite.name)"
            guard let (key, source) = checkSatelliteBase(name: satellite.name, parent: satellite.parent, source: satellite.source, path: path)
            else { continue }
            for (i, name) in satellite.srcCdk.enumerated() { _ = column(name, of: source, at: "\(path).src_cdk[\(i)]", role: "child-key column") }
            for (i, name) in satellite.payload.enumerated() { _ = column(name, of: source, at: "\(path).src_payload[\(i)]", role: "payload column") }
            checkDistinctColumns(satellite.name, [(key, "parent key"), (satellite.srcHashdiff, "src_hashdiff")] + metadataColumns
                                 + satellite.srcCdk.map { ($0, "child key") } + satellite.payload.map { ($0, "payload column") }, at: path)
        }
    }
}

/// Finds a cycle in a directed graph.
enum DependencyCycle {
    /// A cycle as its nodes with the first repeated at the end (`a -> b -> a`), or `nil`. Nodes
    /// are visited in the given order, so the same graph gives the same cycle.
    static func find(nodes: [String], edges: [String: [String]]) -> [String]? {
        var state = [String: Int]()  // 1: on the path, 2: done
        var path = [String]()
        func visit(_ node: String) -> [String]? {
            state[node] = 1
            path.append(node)
            for next in edges[node] ?? [] {
                if state[next] == 1, let start = path.firstIndex(of: next) { return Array(path[start...]) + [next] }
                if state[next] == nil, let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            state[node] = 2
            return nil
        }
        for node in nodes where state[node] == nil {
            if let cycle = visit(node) { return cycle }
        }
        return nil
    }
}
