import Testing
@testable import VaultModel
import VaultRuntime

/// Jobs with dependencies run once each, never before what they depend on.
@Suite struct TaskGraphTests {
    final class Log: @unchecked Sendable {
        private var order = [Int]()
        private let lock = PthreadMutex()
        func record(_ t: Int) { lock.withLock { order.append(t) } }
        var entries: [Int] { lock.withLock { order } }
    }

    @Test(arguments: [1, 2, 3])
    func everyJobRunsOnceAfterItsDependencies(threads: Int) {
        // 40 jobs: job t depends on t/2 and t/3 (when smaller), a mesh of chains.
        let dependencies = (0..<40).map { t in Set([t / 2, t / 3].filter { $0 < t }) }
        let log = Log()
        let tasks = dependencies.enumerated().map { t, deps in
            GraphTask(dependencies: Array(deps)) {
                for _ in 0..<(t % 5) * 1_000 { _ = log.entries.count }  // uneven job lengths
                log.record(t)
            }
        }
        TaskGraph.run(tasks, threads: threads)
        let order = log.entries
        #expect(order.sorted() == Array(0..<40))
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for (t, deps) in dependencies.enumerated() {
            for d in deps { #expect(position[d]! < position[t]!, "job \(t) ran before its dependency \(d)") }
        }
    }
}
