// Vault+Schedule.swift: the order in which one batch's tables load, and what each waits for.

extension Vault {
    /// Loads every table of a staged batch on the cores and records the counts and stage times.
    ///
    /// Hubs, links, satellites, as seed 003 orders them, but without barriers between the three
    /// (see ``TaskGraph``): a link needs only staged keys, so the links load beside the hubs; a
    /// satellite waits for its parent (whose rows it looks its versions up by); `sat_sales_metrics`
    /// also waits for `sat_product_pricing` and `hub_product` (its cost). Longest tables first.
    ///
    /// Stage times: `hubs` ends when the last hub is loaded, `links` when the last link is (and
    /// the hubs are), `satellites` when everything is; tables of a later stage may have started
    /// before an earlier stage ended, so the three always add up to the wall time of the loads.
    func loadTables(_ staged: StagedBatch, into report: inout BatchReport) {
        let clock = ContinuousClock()
        let start = clock.now
        var tasks = [GraphTask]()
        var kinds = [Int]()  // 0 hub, 1 link, 2 satellite
        let results = ResultSlots<(String, LoadCounts)>(count: hubs.count + links.count + satellites.count + 2)
        let ends = ResultSlots<ContinuousClock.Instant>(count: hubs.count + links.count + satellites.count + 2)
        func add(_ kind: Int, after dependencies: [Int], _ body: @escaping () -> (String, LoadCounts)) -> Int {
            let t = tasks.count
            tasks.append(GraphTask(dependencies: dependencies) {
                results.set(t, body())
                ends.set(t, clock.now)
            })
            kinds.append(kind)
            return t
        }
        func index(_ names: [String], _ name: String) -> Int { names.firstIndex(of: name)! }
        let hubNames = hubs.map(\.name), linkNames = links.map(\.name), satelliteNames = satellites.map(\.definition.name)

        let linkSales = add(1, after: []) { self.loadLink(index(linkNames, "link_sales"), staged) }
        var hubTasks = [String: Int]()
        for name in ["hub_product", "hub_customer", "hub_transaction", "hub_store", "hub_promotion"] {
            hubTasks[name] = add(0, after: []) { self.loadHub(index(hubNames, name), staged) }
        }
        precondition(hubTasks.count == hubs.count, "every hub is scheduled")
        let pricing = add(2, after: [hubTasks["hub_product"]!]) { self.loadSatellite(index(satelliteNames, "sat_product_pricing"), staged) }
        _ = add(2, after: [linkSales, pricing, hubTasks["hub_product"]!]) {
            self.loadSalesMetrics(index(satelliteNames, "sat_sales_metrics"), staged)
        }
        for link in linkNames where link != "link_sales" { _ = add(1, after: []) { self.loadLink(index(linkNames, link), staged) } }
        _ = add(2, after: []) { self.loadPhones(staged) }
        _ = add(2, after: []) { self.loadPromotionEffectivity(staged) }
        for satellite in satellites where !["sat_product_pricing", "sat_sales_metrics"].contains(satellite.definition.name) {
            let name = satellite.definition.name
            _ = add(2, after: [hubTasks[satellite.definition.parent]!]) { self.loadSatellite(index(satelliteNames, name), staged) }
        }
        precondition(tasks.count == hubs.count + links.count + satellites.count + 2, "every table is scheduled")

        TaskGraph.run(tasks, threads: threads)

        for t in tasks.indices {
            let (name, counts) = results.get(t)
            report.tables[name] = counts
        }
        let end = { (kind: Int) in tasks.indices.filter { kinds[$0] == kind }.map(ends.get).max() ?? start }
        let hubsEnd = end(0), linksEnd = max(end(1), hubsEnd), allEnd = max(end(2), linksEnd)
        report.stages["hubs"] = Timing.micros(hubsEnd - start)
        report.stages["links"] = Timing.micros(linksEnd - hubsEnd)
        report.stages["satellites"] = Timing.micros(allEnd - linksEnd)
    }
}
