// ReportWriterTests.swift: results.json keys, results.csv columns, report.md content, the folder write.

import Foundation
import Testing
import VaultReport

@Suite("Report writers: JSON schema, CSV columns, Markdown, folder")
struct ReportWriterTests {
    @Test func spreadTakesTheMiddleValueOrTheMeanOfTheMiddleTwo() {
        #expect(Spread([3, 1, 2]) == Spread(median: 2, min: 1, max: 3))
        #expect(Spread([4, 1, 2, 3]).median == 2.5)
        #expect(Spread([]) == Spread(median: 0, min: 0, max: 0))
    }

    @Test func cellSummariesComeFromTheRuns() throws {
        let cell = try #require(ReportFixture.results().cell("md5-binary", scale: 2, threads: 1))
        // unit = 2000 x 2 = 4000 us; runs at 1x, 2x, 1.5x: median 1.5x. Stage k takes (k + 1) units.
        let hubs = try #require(cell.stage("hubs"))
        #expect(hubs.seconds == Spread(median: 0.018, min: 0.012, max: 0.024))
        #expect(hubs.rows == 20_000)
        #expect(abs(hubs.rowsPerSecond - 20_000 / 0.018) < 1e-6)
        #expect(abs(cell.total.seconds.median - 0.006 * 36) < 1e-9)  // 1 + ... + 8 = 36 units of 6 ms
        #expect(cell.peakResidentBytes.median == 2_000_000)
        #expect(cell.vaultRows == 2000 + 10_000)
        #expect(cell.strategy == "md5-binary")
    }

    @Test func jsonHasTheDocumentedKeysAndReadsBack() throws {
        let results = ReportFixture.results()
        let text = try ReportFolder.json(results)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "schema_version", "vaultsim_version", "command_line", "started_at", "elapsed_seconds",
                "machine", "options", "stages", "cells", "peers",
            ])
        let machine = try #require(object["machine"] as? [String: Any])
        #expect(
            Set(machine.keys) == ["cpu_model", "cpu_flags", "cores", "memory_bytes", "os", "swift_version", "kernels"])
        let options = try #require(object["options"] as? [String: Any])
        #expect(
            Set(options.keys) == [
                "preset", "scales", "algorithms", "key_formats", "threads", "days", "seed", "profile",
                "repeat", "warmup", "level",
            ])
        let cell = try #require((object["cells"] as? [[String: Any]])?.first)
        #expect(
            Set(cell.keys) == [
                "algorithm", "key_format", "scale", "threads", "strategy", "source_rows", "vault_rows",
                "stages", "total", "peak_resident_bytes", "memory_bytes", "disk_bytes", "tables", "runs",
            ])
        let stage = try #require((cell["stages"] as? [[String: Any]])?.first)
        #expect(Set(stage.keys) == ["name", "rows", "seconds", "rows_per_second", "peak_resident_bytes"])
        let run = try #require((cell["runs"] as? [[String: Any]])?.first)
        #expect(
            Set(run.keys) == ["stages", "source_rows", "peak_resident_bytes", "memory_bytes", "disk_bytes", "tables"])
        let peer = try #require((object["peers"] as? [[String: Any]])?.first)
        #expect(
            Set(peer.keys) == [
                "engine", "algorithm", "scale", "days", "seconds", "vaultsim_seconds", "ratio", "covers",
                "tables", "differences",
            ])
        #expect(object["schema_version"] as? Int == BenchResults.currentSchemaVersion)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vaultreport-json-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ReportFolder.write(results, to: folder)
        #expect(try ReportFolder.read(folder + "/results.json") == results)
    }

    @Test func csvHasOneRowPerCellAndStagePlusTotals() throws {
        let results = ReportFixture.results()
        let lines = results.csv().split(separator: "\n").map(String.init)
        #expect(
            lines[0] == "strategy,algorithm,key_format,scale,threads,stage,rows,median_seconds,min_seconds,max_seconds,"
                + "rows_per_second,peak_resident_bytes,memory_bytes,disk_bytes,runs")
        #expect(lines.count == 1 + results.cells.count * (ReportFixture.stages.count + 1))
        let row = try #require(lines.first { $0.hasPrefix("md5-binary,md5,binary,2,1,hubs,") })
        #expect(
            row == "md5-binary,md5,binary,2,1,hubs,20000,0.018000,0.012000,0.024000,1111111.1,2000000,960000,240000,3")
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 15 })
        #expect(lines.filter { $0.contains(",total,") }.count == results.cells.count)
    }

    @Test func markdownHasTheHeadlineRelativeToTheBaseline() {
        let results = ReportFixture.results()
        let md = results.markdown(charts: results.charts())
        #expect(md.contains("## Headline: scale 2, 2 thread(s)"))
        #expect(
            md.contains(
                "| strategy | total s (median) | min–max s | source rows/s | peak resident MB | tables MB | disk MB | "
                    + "time vs md5-binary | memory vs | disk vs |"))
        // md5-binary at scale 2, 2 threads: unit 2000 us, median 1.5 x 36 units = 0.108 s; xxh3-hex: unit 4000 -> 2x.
        #expect(md.contains("| md5-binary | 0.108 |"))
        #expect(md.contains("| xxh3-hex | 0.216 | 0.144–0.288 |"))
        #expect(md.contains("| 2.00× | 1.00× | 1.00× |"))
        #expect(md.contains("![Time per stage per strategy at scale 2, 2 thread(s)](charts/stages-t2.svg)"))
        #expect(md.contains("## Peers on the same data"))
        #expect(md.contains("| duckdb | md5 | 0.5 | 2.000 | 0.500 | 4.0× |"))
        #expect(md.contains("Test CPU <fast> & \"cheap\""))
    }

    @Test func writingReplacesAnOldReportAndLeavesNoTemporaryFolder() throws {
        let fm = FileManager.default
        let parent = fm.temporaryDirectory.appendingPathComponent("vaultreport-folder-\(UUID())").path
        defer { try? fm.removeItem(atPath: parent) }
        try ReportFolder.write(ReportFixture.results(), to: parent + "/report")
        try Data("stale".utf8).write(to: URL(fileURLWithPath: parent + "/report/stale.txt"))
        let written = try ReportFolder.write(ReportFixture.results(), to: parent + "/report")
        #expect(written.contains("results.json") && written.contains("charts/memory-disk.svg"))
        let listing = try fm.contentsOfDirectory(atPath: parent)
        #expect(listing == ["report"])
        let files = Set(try fm.contentsOfDirectory(atPath: parent + "/report"))
        #expect(files == ["results.json", "results.csv", "report.md", "charts", ".vaultsim"])
        let charts = Set(try fm.contentsOfDirectory(atPath: parent + "/report/charts"))
        #expect(
            charts == ["stages-t1.svg", "stages-t2.svg", "throughput-t1.svg", "throughput-t2.svg", "memory-disk.svg"])
    }

    @Test func aFolderThatIsNotAReportIsRefusedUnlessForcedAndKeptAsItWas() throws {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("vaultreport-mine-\(UUID())").path
        defer { try? fm.removeItem(atPath: folder) }
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        do {
            try ReportFolder.write(ReportFixture.results(), to: folder)
            Issue.record("a folder vaultsim did not write was replaced")
        } catch {
            #expect("\(error)".contains(folder) && "\(error)".contains("--force"))
        }
        #expect(try fm.contentsOfDirectory(atPath: folder) == ["notes.txt"])
        try ReportFolder.write(ReportFixture.results(), to: folder, force: true)
        #expect(!fm.fileExists(atPath: folder + "/notes.txt"))
    }

    @Test func implausibleNumbersAndMalformedFieldsAreRefusedByName() throws {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("vaultreport-bad-\(UUID())").path
        defer { try? fm.removeItem(atPath: folder) }
        try ReportFolder.write(ReportFixture.results(), to: folder)
        let good = try String(contentsOfFile: folder + "/results.json", encoding: .utf8)
        let huge = good.replacingOccurrences(of: "\"elapsed_seconds\" : ", with: "\"elapsed_seconds\" : 1e20, \"x\" : ")
        try Data(huge.utf8).write(to: URL(fileURLWithPath: folder + "/huge.json"))
        do { _ = try ReportFolder.read(folder + "/huge.json"); Issue.record("1e20 seconds accepted") } catch {
            #expect(error.description.contains("elapsedSeconds is 1e+20"))
        }
        let wrong = good.replacingOccurrences(of: "\"cores\" : ", with: "\"cores\" : \"many\", \"x\" : ")
        try Data(wrong.utf8).write(to: URL(fileURLWithPath: folder + "/wrong.json"))
        do { _ = try ReportFolder.read(folder + "/wrong.json"); Issue.record("a string for cores accepted") } catch {
            #expect(error.description.contains("machine.cores is not a number"))
            #expect(!error.description.contains("CodingKeys"))
        }
        do { _ = try ReportFolder.read(folder); Issue.record("a folder read as results") } catch {
            #expect(error.description.contains("is a folder"))
        }
    }

    @Test func aFileInTheWayIsAnErrorNamingIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vaultreport-file-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ReportWriteError.self) { try ReportFolder.write(ReportFixture.results(), to: path) }
        do { try ReportFolder.write(ReportFixture.results(), to: path) } catch {
            #expect("\(error)".contains(path) && "\(error)".contains("not a folder"))
        }
    }
}
