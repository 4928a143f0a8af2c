// Vault+Schedule.swift: the order in which one batch's tables load, and what each waits for.

import VaultRuntime

extension Vault {
    /// Stages a batch and loads every table on the cores; records the counts and stage times.
    ///
    /// Hubs, links, satellites, as seed 003 orders them, but without barriers between the three
    /// (see ``TaskGraph``): a link's keys load beside the hubs, and its hub rows (which the hubs
    /// report) are attached after them; a satellite waits for its parent (whose rows it looks its versions up by); `sat_sales_metrics`
    /// also waits for `sat_product_pricing` and `hub_product` (its cost). Longest tables first.
    ///
    /// Staging runs in the same graph: its jobs (costliest first) come before the tables, and a
    /// table starts once the staged columns it reads are ready, beside the last staging jobs.
    /// A staged column is dropped as soon as the last table reading it is loaded.
    ///
    /// Stage times: `stage` ends when the last staged column is ready, `hubs` when the last hub is
    /// loaded (and staging is done), `links` when the last link is, `satellites` when everything
    /// is; a table of a later stage may start before an earlier stage ends, so the four always add
    /// up to the wall time of staging and loading.
    func loadTables(_ staged: StagedBatch, staging: [Stager.Job], into report: inout BatchReport) {
        let clock = ContinuousClock()
        let start = clock.now
        var tasks = [GraphTask]()
        var stages = [LoadStage]()
        let count = staging.count + hubs.count + 2 * links.count + satellites.count + 2
        let results = ResultSlots<(String, LoadCounts)>(count: count)
        let ends = ResultSlots<ContinuousClock.Instant>(count: count)
        // Staging jobs come first (every table needs some of them), costliest first.
        var stagingTask = [String: Int]()
        for job in staging {
            let t = tasks.count
            stagingTask[job.name] = t
            tasks.append(GraphTask(dependencies: []) {
                staged.derived.set(job.name, job.compute())
                ends.set(t, clock.now)
            })
            stages.append(.staging)
        }
        // A table waits for the staged columns it reads (`inputs`) and for the tables in `after`.
        // A staged column without a job is one whose source table is not in the batch (the load
        // skips that source too); any other missing job is a naming mistake, caught here.
        func add(_ stage: LoadStage, after dependencies: [Int], reading inputs: [StagedInput],
                 _ body: @escaping () -> (String, LoadCounts)) -> Int {
            let t = tasks.count
            for input in inputs where stagingTask[input.name] == nil {
                precondition(staged.source.tables[input.table] == nil, "no staging job computes \(input.name)")
            }
            let read = inputs.map(\.name)
            staged.derived.expectReaders(read)
            tasks.append(GraphTask(dependencies: dependencies + inputs.compactMap { stagingTask[$0.name] }) {
                results.set(t, body())
                staged.derived.release(read)
                ends.set(t, clock.now)
            })
            stages.append(stage)
            return t
        }
        func index(_ names: [String], _ name: String) -> Int { names.firstIndex(of: name)! }
        let hubNames = hubs.map(\.name), linkNames = links.map(\.name), satelliteNames = satellites.map(\.definition.name)

        // A link's keys load beside the hubs (link_sales, the longest table, first of all); its hub
        // rows, which the hubs' loads report, are attached once its hubs are done.
        let salesIndex = index(linkNames, "link_sales")
        let linkOrder = [salesIndex] + links.indices.filter { $0 != salesIndex }
        var linkTasks = [Int: Int]()
        linkTasks[salesIndex] = add(.links, after: [], reading: StagedInput.link(RetailVault.links[salesIndex])) { self.loadLink(salesIndex, staged) }
        var hubTasks = [String: Int]()
        for name in ["hub_product", "hub_customer", "hub_transaction", "hub_store", "hub_promotion"] {
            hubTasks[name] = add(.hubs, after: [], reading: StagedInput.hub(RetailVault.hubs[index(hubNames, name)])) {
                self.loadHub(index(hubNames, name), staged)
            }
        }
        precondition(hubTasks.count == hubs.count, "every hub is scheduled")
        for i in linkOrder where linkTasks[i] == nil {
            linkTasks[i] = add(.links, after: [], reading: StagedInput.link(RetailVault.links[i])) { self.loadLink(i, staged) }
        }
        for i in linkOrder {
            _ = add(.links, after: [linkTasks[i]!] + RetailVault.links[i].hubs.map { hubTasks[$0]! }, reading: []) {
                self.attachLinkHubRows(i, staged)
            }
        }
        let linkSales = linkTasks[salesIndex]!
        let pricingIndex = index(satelliteNames, "sat_product_pricing"), metricsIndex = index(satelliteNames, "sat_sales_metrics")
        let pricing = add(.satellites, after: [hubTasks["hub_product"]!], reading: StagedInput.satellite(satellites[pricingIndex].definition)) {
            self.loadSatellite(pricingIndex, staged)
        }
        _ = add(.satellites, after: [linkSales, pricing, hubTasks["hub_product"]!], reading: StagedInput.salesMetrics) {
            self.loadSalesMetrics(metricsIndex, staged)
        }
        _ = add(.satellites, after: [hubTasks[RetailVault.phoneSatellite.parent]!], reading: StagedInput.satellite(RetailVault.phoneSatellite)) {
            self.loadPhones(staged)
        }
        _ = add(.satellites, after: [], reading: StagedInput.effectivity) { self.loadPromotionEffectivity(staged) }
        for (i, satellite) in satellites.enumerated() where i != pricingIndex && i != metricsIndex {
            _ = add(.satellites, after: [hubTasks[satellite.definition.parent]!], reading: StagedInput.satellite(satellite.definition)) {
                self.loadSatellite(i, staged)
            }
        }
        precondition(tasks.count == count, "every table is scheduled")

        TaskGraph.run(tasks, threads: threads)

        for t in tasks.indices where stages[t] != .staging {
            // A link's two tasks (keys, hub rows) add up to its time.
            let (name, counts) = results.get(t)
            var merged = counts
            if let earlier = report.tables[name] {
                merged = earlier
                merged.microseconds += counts.microseconds
            }
            report.tables[name] = merged
        }
        // Each stage ends when its last job does, and not before the stage ahead of it.
        var previous = start
        for stage in LoadStage.allCases {
            let end = max(tasks.indices.filter { stages[$0] == stage }.map(ends.get).max() ?? start, previous)
            report.stages[stage.rawValue] = Timing.micros(end - previous)
            previous = end
        }
    }
}

/// The stages of a batch's load as the report names them, in order.
enum LoadStage: String, CaseIterable {
    case staging = "stage", hubs, links, satellites
}

/// A staged column a table's load reads, with the source table it comes from.
struct StagedInput {
    var name: String
    var table: String

    static func hubKey(_ table: String, _ column: String) -> StagedInput { StagedInput(name: StagedName.hubKey(table, column), table: table) }

    static func hub(_ hub: HubDefinition) -> [StagedInput] { hub.sources.map { hubKey($0.table, $0.column) } }

    static func link(_ link: LinkDefinition) -> [StagedInput] {
        link.sources.flatMap { source in
            [StagedInput(name: StagedName.linkKey(link.name, source.table), table: source.table)]
                + source.columns.map { hubKey(source.table, $0) }
        }
    }

    static func satellite(_ satellite: SatelliteDefinition) -> [StagedInput] {
        [hubKey(satellite.source, RetailVault.hub(named: satellite.parent).businessKey),
         StagedInput(name: StagedName.hashdiff(satellite.name), table: satellite.source)]
    }

    /// `sat_sales_metrics` hashes its own payload (it derives measures first): it reads the keys.
    static let salesMetrics = link(RetailVault.links.first { $0.name == "link_sales" }!)

    static let effectivity: [StagedInput] = {
        let eff = RetailVault.promotionEffectivity
        return [StagedInput(name: StagedName.linkKey(eff.link, eff.source), table: eff.source),
                hubKey(eff.source, eff.drivingKeyColumn), hubKey(eff.source, eff.otherKeyColumn)]
    }()
}
