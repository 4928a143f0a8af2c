// GenerateCommand.swift: `vaultsim generate`, the retail source feed as CSV batches.

import ArgumentParser
import VaultColumnar
import VaultExport
import VaultFiles
import VaultGenerator

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `vaultsim generate --scale S --days D --seed N --out DIR`: writes the deterministic retail
/// source feed as `DIR/batch_NNN/<table>.csv` plus `DIR/manifest.json`.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate the retail source feed as CSV batches.",
        discussion: HelpText.reflow("""
            Batch 0 is the full extract of all master data plus day 0's sales; each later batch
            holds the new, changed and re-sent master rows and that day's sales. The same options
            give the same bytes on any thread count; shards i/N concatenated give the whole output.
            """)
    )

    @OptionGroup var generation: GenerationOptions
    @OptionGroup var threading: ThreadOptions

    @Option(help: "Output folder, published whole when complete; replaces only a feed vaultsim wrote (see --force). Required unless --discard.")
    var out: String?

    @OptionGroup var force: ForceOption

    @Flag(help: "Generate the batches in memory and drop them, writing nothing: times the generator alone.")
    var discard = false

    @Option(help: "Emit only shard i of N (i/N): contiguous rows of every table.")
    var shard: String = "0/1"

    @Flag(help: "Print the summary as JSON.")
    var json = false

    /// The generator options these flags describe.
    func generatorOptions() throws -> GeneratorOptions {
        guard let parsedShard = Shard(parsing: shard) else {
            throw ValidationError("--shard must be written i/N, for example 0/4 (got '\(shard)').")
        }
        return try generation.generatorOptions(shard: parsedShard)
    }

    func validate() throws {
        guard let parsedShard = Shard(parsing: shard) else {
            throw ValidationError("--shard must be written i/N, for example 0/4 (got '\(shard)').")
        }
        try generation.validate(shard: parsedShard)
        guard discard || out != nil else { throw ValidationError("Missing --out (or --discard to write nothing).") }
        if discard && out != nil { throw ValidationError("--discard writes nothing; give it without --out.") }
        if let out { _ = try Outputs.path(out, option: "--out") }
    }

    func run() throws {
        let options = try generatorOptions()
        let threadCount = threading.count
        var folder: SourceFolderWriter?
        let output = try out.map { try Outputs.folder($0, option: "--out", kind: .feed, force: force.force) }
        if let output {
            do {
                folder = try SourceFolderWriter(root: output.staging, header: Self.manifestHeader(options))
            } catch {
                throw CommandFailure("--out \(output.target): \(error.description)")
            }
        }
        let generator = RetailGenerator(options: options)
        let progress = GenerateProgress(total: options.days, enabled: Diagnostics.stderrIsTerminal && !json)
        var rows = [Int](repeating: 0, count: SourceSchemas.tableNames.count)
        var bytes = rows
        let start = SystemInfo.now()
        var generateSeconds = 0.0
        for k in 0..<options.days {
            let t0 = SystemInfo.now()
            let batch = generator.batch(k, threads: threadCount)
            generateSeconds += SystemInfo.now() - t0
            guard let folder else {
                for (i, table) in batch.tables.enumerated() { rows[i] += table.count }
                progress.update(k + 1)
                continue
            }
            let written: [(table: String, info: CSVFileInfo)]
            do {
                written = try folder.write(batch: k, businessDate: batch.businessDate, tables: batch.tables)
            } catch {
                throw CommandFailure("--out \(out ?? ""): \(error.description)")
            }
            for (i, entry) in written.enumerated() {
                rows[i] += entry.info.rows
                bytes[i] += entry.info.bytes
            }
            progress.update(k + 1)
        }
        do { try folder?.finish() } catch { throw CommandFailure(error.description) }
        if let output { try Outputs.publish(output, option: "--out") }
        progress.finish()
        let seconds = SystemInfo.now() - start
        printSummary(rows: rows, bytes: bytes, seconds: seconds, generateSeconds: generateSeconds, threads: threadCount)
    }

    private func printSummary(rows: [Int], bytes: [Int], seconds: Double, generateSeconds: Double, threads: Int) {
        let totalRows = rows.reduce(0, +), totalBytes = bytes.reduce(0, +)
        let rate = Double(totalRows) / max(seconds, 1e-9)
        let generateRate = Double(totalRows) / max(generateSeconds, 1e-9)
        if json {
            let tables = SourceSchemas.tableNames.enumerated().map { i, name in
                "{\"table\":\"\(name)\",\"rows\":\(rows[i]),\"bytes\":\(bytes[i])}"
            }
            print("{\"out\":\((discard ? nil : out).map { JSONValue.string($0).rendered(indent: 0) } ?? "null"),\"days\":\(generation.days),\"scale\":\(generation.scale),"
                  + "\"threads\":\(threads),\"tables\":[\(tables.joined(separator: ","))],\"rows\":\(totalRows),"
                  + "\"bytes\":\(totalBytes),\"seconds\":\(seconds),\"generate_seconds\":\(generateSeconds),"
                  + "\"rows_per_second\":\(Int(rate)),\"generate_rows_per_second\":\(Int(generateRate))}")
            return
        }
        let target = discard ? "in memory (discarded)" : "into \(out ?? "")"
        print("generated \(generation.days) batches at scale \(generation.scale) \(target) (\(threads) threads)")
        for (i, name) in SourceSchemas.tableNames.enumerated() {
            print("  " + name.padding(18) + String(rows[i]).leftPadding(12) + " rows" + String(bytes[i]).leftPadding(14) + " bytes")
        }
        print("  " + "total".padding(18) + String(totalRows).leftPadding(12) + " rows" + String(totalBytes).leftPadding(14) + " bytes")
        print("time \(SystemInfo.format(seconds)) s (generate \(SystemInfo.format(generateSeconds)) s, "
              + "write \(SystemInfo.format(seconds - generateSeconds)) s): \(Int(rate)) rows/s end to end, "
              + "\(Int(generateRate)) rows/s generating")
    }

    static func manifestHeader(_ options: GeneratorOptions) -> [(String, JSONValue)] {
        [
            ("generator", .string("vaultsim generate")),
            ("generator_version", .string(VaultSimVersion.string)),
            ("options", .object([
                ("scale", .double(options.scale)), ("days", .int(options.days)), ("seed", .string(String(options.seed))),
                ("base_date", .string(options.baseDate.description)), ("shard", .string(options.shard.description)),
                ("dirt", .object(options.dirt.named.map { ($0.name, JSONValue.double($0.value)) })),
            ])),
            ("tables", .array(SourceSchemas.tableNames.enumerated().map { i, name in
                .object([("name", .string(name)), ("columns", .array(SourceSchemas.all[i].fields.map { field in
                    .object([("name", .string(field.name)), ("type", .string(field.type.description))])
                }))])
            })),
        ]
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
final class GenerateProgress {
    let total: Int
    let enabled: Bool
    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
        update(0)
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let width = 30, filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        writeToStandardError("\r[\(bar)] batch \(done)/\(total)")
    }

    private func writeToStandardError(_ text: String) {
        var copy = text
        copy.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    func finish() {
        if enabled { writeToStandardError("\n") }
    }
}

/// Facts about the machine and the clock.
enum SystemInfo {
    static var physicalMemoryBytes: Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && size > 0 ? pages * size : 0
    }

    static var coreCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// CPU seconds (user + system) this process has used so far, all threads together.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func gibibytes(_ bytes: Double) -> String {
        let g = bytes / 1_073_741_824
        guard g.isFinite, g < 1e15 else { return "more than 10^15" }
        return g >= 100 ? String(Int(g.rounded())) : format(g)
    }

    static func format(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return String(x) }
        let hundredths = Int((x * 100).rounded())
        let fraction = String(abs(hundredths) % 100)
        return "\(hundredths / 100).\(fraction.count < 2 ? "0" + fraction : fraction)"
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
