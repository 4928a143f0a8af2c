// LoadPlan.swift: the jobs that load one batch of a model, what each waits for, and an order.

/// The jobs that load one batch of a model's vault and which job waits for which:
///
/// - `stage` of each source table comes first (keys and hashdiffs computed);
/// - a hub waits for the staging of its sources;
/// - a link's keys wait for the staging of its sources; its hub rows (the row of each hub key,
///   which the hubs' loads report) wait for its keys and for each of its hubs;
/// - a satellite waits for the staging of its source and for its parent (a hub, or a link's
///   keys); a satellite with a lookup also waits for the satellite it reads and for the hub
///   whose rows give the lookup's keys;
/// - a multi-active satellite waits like a satellite; an effectivity satellite waits for the
///   staging of its source and for its link's keys;
/// - a point-in-time table waits for its hub and its satellites; a bridge waits for its link's
///   hub rows.
///
/// ``order`` is a topological order: every job comes after everything it waits for.
public struct LoadPlan: Sendable, Equatable {
    /// What a job does.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case stage
        case hub
        case linkKeys = "link keys"
        case linkHubRows = "link hub rows"
        case satellite
        case multiActiveSatellite = "multi-active satellite"
        case effectivitySatellite = "effectivity satellite"
        case pointInTime = "point-in-time table"
        case bridge
    }

    /// One job: a kind and the table (or source) it loads.
    public struct Job: Sendable, Hashable, CustomStringConvertible {
        public var kind: Kind
        public var table: String

        public init(_ kind: Kind, _ table: String) {
            self.kind = kind
            self.table = table
        }

        /// `stage customers`, `hub_customer`, `link_sales (keys)`, `link_sales (hub rows)`, ...
        public var description: String {
            switch kind {
            case .stage: return "stage \(table)"
            case .linkKeys: return "\(table) (keys)"
            case .linkHubRows: return "\(table) (hub rows)"
            default: return table
            }
        }
    }

    /// Why a job waits for another.
    public struct Wait: Sendable, Hashable {
        /// The job waited for.
        public var job: Job
        /// `staged columns`, `parent`, `hub`, `lookup`, ...
        public var reason: String
    }

    /// Every job, in the order the model declares them.
    public private(set) var jobs: [Job]
    /// What each job waits for, in declaration order.
    public private(set) var waits: [Job: [Wait]]

    /// The plan of `model`, whose references must be valid (``ModelFile/read(_:fileName:)``
    /// guarantees it): jobs and waits naming missing tables are left out.
    public init(_ model: DataVaultModel) {
        jobs = []
        waits = [:]
        let stage = { (table: String) in Wait(job: Job(.stage, table), reason: "staged columns") }
        let sources = Set(model.sources.map(\.name))
        func add(_ job: Job, _ dependencies: [Wait]) {
            jobs.append(job)
            var unique = [Wait]()
            for wait in dependencies where !unique.contains(where: { $0.job == wait.job }) { unique.append(wait) }
            waits[job] = unique
        }
        for source in model.sources { add(Job(.stage, source.name), []) }
        for hub in model.hubs { add(Job(.hub, hub.name), hub.sources.map(\.table).filter(sources.contains).map(stage)) }
        let hubs = Set(model.hubs.map(\.name)), links = Set(model.links.map(\.name))
        for link in model.links { add(Job(.linkKeys, link.name), link.sources.map(\.table).filter(sources.contains).map(stage)) }
        for link in model.links {
            add(Job(.linkHubRows, link.name), [Wait(job: Job(.linkKeys, link.name), reason: "its keys")]
                + link.srcFk.filter(hubs.contains).map { Wait(job: Job(.hub, $0), reason: "hub") })
        }
        func parent(_ name: String) -> [Wait] {
            if hubs.contains(name) { return [Wait(job: Job(.hub, name), reason: "parent")] }
            if links.contains(name) { return [Wait(job: Job(.linkKeys, name), reason: "parent")] }
            return []
        }
        for satellite in model.satellites {
            var dependencies = (sources.contains(satellite.source) ? [stage(satellite.source)] : []) + parent(satellite.parent)
            for lookup in satellite.derivedColumns.flatMap(\.expression.lookups) {
                guard let target = model.satellite(lookup.satellite) else { continue }
                dependencies.append(Wait(job: Job(.satellite, target.name), reason: "lookup"))
                if hubs.contains(target.parent) { dependencies.append(Wait(job: Job(.hub, target.parent), reason: "lookup keys")) }
            }
            add(Job(.satellite, satellite.name), dependencies)
        }
        for satellite in model.multiActiveSatellites {
            add(Job(.multiActiveSatellite, satellite.name),
                (sources.contains(satellite.source) ? [stage(satellite.source)] : []) + parent(satellite.parent))
        }
        for satellite in model.effectivitySatellites {
            add(Job(.effectivitySatellite, satellite.name),
                (sources.contains(satellite.source) ? [stage(satellite.source)] : []) + parent(satellite.link))
        }
        let satellites = Set(model.satellites.map(\.name))
        for pit in model.pointInTimeTables {
            add(Job(.pointInTime, pit.name), (hubs.contains(pit.hub) ? [Wait(job: Job(.hub, pit.hub), reason: "hub")] : [])
                + pit.satellites.filter(satellites.contains).map { Wait(job: Job(.satellite, $0), reason: "satellite") })
        }
        for bridge in model.bridges where links.contains(bridge.link) {
            add(Job(.bridge, bridge.name), [Wait(job: Job(.linkHubRows, bridge.link), reason: "link rows")])
        }
    }

    /// The jobs `job` waits for.
    public func dependencies(of job: Job) -> [Job] { (waits[job] ?? []).map(\.job) }

    /// Every job after all it waits for: by level (``levels``), then in declaration order.
    /// `nil` when jobs wait for each other in a circle (a valid model has none).
    public var order: [Job]? {
        guard let levels else { return nil }
        let position = Dictionary(uniqueKeysWithValues: jobs.enumerated().map { ($1, $0) })
        return jobs.sorted { a, b in levels[a]! != levels[b]! ? levels[a]! < levels[b]! : position[a]! < position[b]! }
    }

    /// Each job's level: 0 for jobs that wait for nothing, else one more than the highest level
    /// of what it waits for (jobs of one level may run at the same time). `nil` when jobs wait
    /// for each other in a circle.
    public var levels: [Job: Int]? {
        // Kahn's algorithm: a job's level is known once every job it waits for has one.
        var remaining = [Job: Int]()
        var waiters = [Job: [Job]]()
        for job in jobs {
            let dependencies = dependencies(of: job).filter { waits[$0] != nil }
            remaining[job] = dependencies.count
            for dependency in dependencies { waiters[dependency, default: []].append(job) }
        }
        var levels = [Job: Int]()
        var ready = jobs.filter { remaining[$0] == 0 }
        while let job = ready.popLast() {
            levels[job] = (dependencies(of: job).compactMap { levels[$0] }.max() ?? -1) + 1
            for waiter in waiters[job] ?? [] {
                remaining[waiter]! -= 1
                if remaining[waiter] == 0 { ready.append(waiter) }
            }
        }
        return levels.count == jobs.count ? levels : nil
    }
}
