// Stopwatch.swift: wall-clock phase timings for save and restore reports.

/// Measures wall-clock time from its creation or its last lap.
struct Stopwatch {
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant

    init() { start = clock.now }

    /// Seconds since the creation or the previous lap; starts the next lap.
    mutating func lap() -> Double {
        let now = clock.now
        let elapsed = start.duration(to: now).components
        start = now
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}
