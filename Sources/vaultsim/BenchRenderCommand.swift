// BenchRenderCommand.swift: `vaultsim bench render`, a report folder again from its results.json.

import ArgumentParser
import Foundation
import VaultReport

struct BenchRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write a report folder (tables and charts) again from a results.json, without measuring.",
        discussion: HelpText.reflow("""
            For a report measured by an older vaultsim, or moved results: the tables of
            report.md, results.csv and the SVG charts are rebuilt from the results alone.

            Example:
              vaultsim bench render report/results.json --out /tmp/report-again
            """))

    @Argument(help: "The results.json of a report.")
    var results: String

    @Option(help: "Report folder to write (replaces only a report vaultsim wrote; see --force).")
    var out: String

    @OptionGroup var force: ForceOption

    func validate() throws { _ = try Outputs.path(out, option: "--out") }

    func run() throws {
        let loaded: BenchResults
        do { loaded = try ReportFolder.read(results) } catch {
            throw CommandFailure(error.description)
        }
        guard loaded.schemaVersion == BenchResults.currentSchemaVersion else {
            throw CommandFailure("\(results): schema version \(loaded.schemaVersion), this vaultsim reads "
                                 + "\(BenchResults.currentSchemaVersion)")
        }
        do {
            let written = try ReportFolder.write(loaded, to: out, force: force.force)
            print("wrote \(out): \(written.joined(separator: ", "))")
        } catch let error as ReportWriteError {
            throw CommandFailure(error.description)
        }
    }
}
