// Vault+Schedule.swift: the order in which one batch's tables load, and what each waits for.

extension Vault {
    /// Stages a batch and loads every table on the cores; records the counts and stage times.
    ///
    /// Hubs, links, satellites, as seed 003 orders them, but without barriers between the three
    /// (see ``TaskGraph``): a link needs only staged keys, so the links load beside the hubs; a
    /// satellite waits for its parent (whose rows it looks its versions up by); `sat_sales_metrics`
    /// also waits for `sat_product_pricing` and `hub_product` (its cost). Longest tables first.
    ///
    /// Staging runs in the same graph: its jobs (costliest first) come before the tables, and a
    /// table starts once the staged columns it reads are ready, beside the last staging jobs.
    ///
    /// Stage times: `stage` ends when the last staged column is ready, `hubs` when the last hub is
    /// loaded (and staging is done), `links` when the last link is, `satellites` when everything
    /// is; a table of a later stage may start before an earlier stage ends, so the four always add
    /// up to the wall time of staging and loading.
    func loadTables(_ staged: StagedBatch, staging: [Stager.Job], into report: inout BatchReport) {
        let clock = ContinuousClock()
        let start = clock.now
        var tasks = [GraphTask]()
        var kinds = [Int]()  // -1 staging, 0 hub, 1 link, 2 satellite
        let count = staging.count + hubs.count + links.count + satellites.count + 2
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
            kinds.append(-1)
        }
        // A table waits for the staged columns it reads (`inputs`) and for the tables in `after`.
        func add(_ kind: Int, after dependencies: [Int], reading inputs: [String], _ body: @escaping () -> (String, LoadCounts)) -> Int {
            let t = tasks.count
            tasks.append(GraphTask(dependencies: dependencies + inputs.compactMap { stagingTask[$0] }) {
                results.set(t, body())
                ends.set(t, clock.now)
            })
            kinds.append(kind)
            return t
        }
        func index(_ names: [String], _ name: String) -> Int { names.firstIndex(of: name)! }
        let hubNames = hubs.map(\.name), linkNames = links.map(\.name), satelliteNames = satellites.map(\.definition.name)

        let linkSales = add(1, after: [], reading: StagedInputs.link(RetailVault.links[index(linkNames, "link_sales")])) {
            self.loadLink(index(linkNames, "link_sales"), staged)
        }
        var hubTasks = [String: Int]()
        for name in ["hub_product", "hub_customer", "hub_transaction", "hub_store", "hub_promotion"] {
            hubTasks[name] = add(0, after: [], reading: StagedInputs.hub(RetailVault.hubs[index(hubNames, name)])) {
                self.loadHub(index(hubNames, name), staged)
            }
        }
        precondition(hubTasks.count == hubs.count, "every hub is scheduled")
        let pricingIndex = index(satelliteNames, "sat_product_pricing"), metricsIndex = index(satelliteNames, "sat_sales_metrics")
        let pricing = add(2, after: [hubTasks["hub_product"]!], reading: StagedInputs.satellite(satellites[pricingIndex].definition)) {
            self.loadSatellite(pricingIndex, staged)
        }
        _ = add(2, after: [linkSales, pricing, hubTasks["hub_product"]!], reading: StagedInputs.salesMetrics) {
            self.loadSalesMetrics(metricsIndex, staged)
        }
        for (i, link) in RetailVault.links.enumerated() where link.name != "link_sales" {
            _ = add(1, after: [], reading: StagedInputs.link(link)) { self.loadLink(i, staged) }
        }
        _ = add(2, after: [], reading: StagedInputs.satellite(RetailVault.phoneSatellite)) { self.loadPhones(staged) }
        _ = add(2, after: [], reading: StagedInputs.effectivity) { self.loadPromotionEffectivity(staged) }
        for (i, satellite) in satellites.enumerated() where i != pricingIndex && i != metricsIndex {
            _ = add(2, after: [hubTasks[satellite.definition.parent]!], reading: StagedInputs.satellite(satellite.definition)) {
                self.loadSatellite(i, staged)
            }
        }
        precondition(tasks.count == count, "every table is scheduled")

        TaskGraph.run(tasks, threads: threads)

        for t in tasks.indices where kinds[t] >= 0 {
            let (name, counts) = results.get(t)
            report.tables[name] = counts
        }
        let end = { (kind: Int) in tasks.indices.filter { kinds[$0] == kind }.map(ends.get).max() ?? start }
        let stageEnd = end(-1), hubsEnd = max(end(0), stageEnd), linksEnd = max(end(1), hubsEnd), allEnd = max(end(2), linksEnd)
        report.stages["stage"] = Timing.micros(stageEnd - start)
        report.stages["hubs"] = Timing.micros(hubsEnd - stageEnd)
        report.stages["links"] = Timing.micros(linksEnd - hubsEnd)
        report.stages["satellites"] = Timing.micros(allEnd - linksEnd)
    }
}

/// The staged columns each table's load reads (names as ``StagedBatch`` has them). A name whose
/// source table is not in the batch has no staging job; the load does not read it either.
enum StagedInputs {
    static func hub(_ hub: HubDefinition) -> [String] { hub.sources.map { "hk:\($0.table).\($0.column)" } }

    static func link(_ link: LinkDefinition) -> [String] {
        link.sources.flatMap { source in ["lk:\(link.name).\(source.table)"] + source.columns.map { "hk:\(source.table).\($0)" } }
    }

    static func satellite(_ satellite: SatelliteDefinition) -> [String] {
        ["hk:\(satellite.source).\(satellite.parent.dropFirst("hub_".count))_id", "hd:\(satellite.name)"]
    }

    /// `sat_sales_metrics` hashes its own payload (it derives measures first): it reads the keys.
    static let salesMetrics = link(RetailVault.links.first { $0.name == "link_sales" }!)

    static let effectivity: [String] = {
        let eff = RetailVault.promotionEffectivity
        return ["lk:\(eff.link).\(eff.source)", "hk:\(eff.source).product_id", "hk:\(eff.source).promotion_id"]
    }()
}
