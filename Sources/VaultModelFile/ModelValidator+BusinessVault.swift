// ModelValidator+BusinessVault.swift: effectivity satellites, PITs, bridges and the vault dictionary, checked.

import VaultColumnar

extension ModelValidator {
    mutating func checkEffectivitySatellites() {
        for satellite in model.effectivitySatellites {
            let path = "effectivity_satellites.\(satellite.name)"
            let link = self.link(satellite.link, at: "\(path).link")
            let source = self.source(satellite.source, at: "\(path).source")
            guard let link, !broken.contains(link.name) else { continue }
            if let source, !link.sources.contains(where: { $0.table == source.name }), !incomplete.contains(link.name) {
                report(.unknownReference, "\(path).source",
                       "source '\(source.name)' is not a source of \(link.name) (its sources: \(Self.list(link.sources.map(\.table))))")
            }
            if !link.srcFk.contains(satellite.srcDfk) {
                report(.unknownReference, "\(path).src_dfk",
                       "'\(satellite.srcDfk)' is not a hub of \(link.name) (its src_fk: \(Self.list(link.srcFk)))")
            }
            for (i, hub) in satellite.srcSfk.enumerated() {
                let sfkPath = lines["\(path).src_sfk[\(i)]"] != nil ? "\(path).src_sfk[\(i)]" : "\(path).src_sfk"
                if !link.srcFk.contains(hub) {
                    report(.unknownReference, sfkPath, "'\(hub)' is not a hub of \(link.name) (its src_fk: \(Self.list(link.srcFk)))")
                } else if hub == satellite.srcDfk {
                    report(.invalidValue, sfkPath, "'\(hub)' is the driving key (src_dfk); src_sfk names the link's other hubs")
                }
            }
            if satellite.srcSfk.isEmpty {
                report(.invalidValue, "\(path).link", "\(link.name) has no hub besides the driving key \(satellite.srcDfk)")
            }
            guard let source else { continue }
            for (key, name) in [("src_start_date", satellite.srcStartDate), ("src_end_date", satellite.srcEndDate)] {
                let datePath = "\(path).\(key)"
                if let field = column(name, of: source, at: datePath, role: key), field.type != .date {
                    report(.typeMismatch, datePath, "\(key) '\(name)' is \(field.type); an effectivity satellite's dates are dates")
                }
            }
        }
    }

    mutating func checkPointInTimeTables() {
        for pit in model.pointInTimeTables {
            let path = "pits.\(pit.name)"
            guard let hub = self.hub(pit.hub, at: "\(path).hub") else { continue }
            for (i, name) in pit.satellites.enumerated() {
                let itemPath = "\(path).satellites[\(i)]"
                if let satellite = model.satellite(name) {
                    if satellite.parent != hub.name {
                        report(.invalidValue, itemPath, "\(name) describes \(satellite.parent), not \(hub.name)")
                    }
                } else if model.multiActiveSatellites.contains(where: { $0.name == name })
                            || model.effectivitySatellites.contains(where: { $0.name == name }) {
                    report(.invalidValue, itemPath, "\(name) has several rows in force per key; a point-in-time table references satellites")
                } else if !alreadyReported(name) {
                    let ofHub = model.satellites.filter { $0.parent == hub.name }.map(\.name)
                    report(.unknownReference, itemPath, "unknown satellite '\(name)' (satellites of \(hub.name): \(Self.list(ofHub)))")
                }
            }
        }
    }

    mutating func checkBridges() {
        for bridge in model.bridges {
            let path = "bridges.\(bridge.name)"
            guard let link = self.link(bridge.link, at: "\(path).link"), !broken.contains(link.name) else { continue }
            for (key, hub) in [("from_hub", bridge.fromHub), ("to_hub", bridge.toHub)] where !link.srcFk.contains(hub) {
                report(.unknownReference, "\(path).\(key)", "'\(hub)' is not a hub of \(link.name) (its src_fk: \(Self.list(link.srcFk)))")
            }
            if bridge.fromHub == bridge.toHub {
                report(.invalidValue, "\(path).to_hub", "from_hub and to_hub are the same hub")
            }
        }
    }

    /// Every name in `vault_dictionary` is a string column some vault table stores.
    mutating func checkVaultDictionary() {
        var stored = [String: ColumnType]()
        stored[model.recordSource.srcSource] = .string
        for hub in model.hubs { for name in hub.srcNk { stored[name] = .string } }
        for satellite in model.satellites { for field in model.payloadFields(of: satellite) { stored[field.name] = stored[field.name] ?? field.type } }
        for satellite in model.multiActiveSatellites {
            guard let source = model.source(satellite.source) else { continue }
            for name in satellite.storedColumns { if let field = source.field(name) { stored[name] = stored[name] ?? field.type } }
        }
        for (i, name) in model.vaultDictionary.enumerated() {
            let path = "vault_dictionary[\(i)]"
            guard let type = stored[name] else {
                // A table read with a mistake may be the one that stores it.
                if declaredTables.allSatisfy({ model.tableNames.contains($0.name) }) {
                    report(.missingColumn, path, "no hub or satellite stores a column '\(name)'")
                }
                continue
            }
            if type != .string {
                report(.typeMismatch, path, "'\(name)' is \(type); only string columns are dictionary encoded")
            }
        }
    }
}
