// ReportFolder.swift: writing a report folder atomically (temporary folder, fsync, rename).

import Foundation
import VaultFiles

/// A failure while writing the report folder; the message names the path.
public struct ReportWriteError: Error, CustomStringConvertible {
    public let description: String
}

/// Writes `results.json`, `results.csv`, `report.md` and `charts/*.svg` into a folder.
///
/// Everything goes into `.NAME.tmp-<pid>` beside the target and is published whole
/// (``OutputFolder``), so the target is either the old report or the complete new one; a folder
/// that is not a report vaultsim wrote is refused unless forced.
public enum ReportFolder {
    /// The file names a report folder holds, charts excluded.
    public static let files = ["results.json", "results.csv", "report.md"]

    /// Writes the report of `results` into `directory`; returns the paths written, relative to it.
    /// `directory` is replaced only when it holds a report vaultsim wrote, unless `force`.
    @discardableResult
    public static func write(_ results: BenchResults, to directory: String, force: Bool = false) throws -> [String] {
        let charts = results.charts()
        var contents: [(String, String)] = [
            ("results.json", try json(results)),
            ("results.csv", results.csv()),
            ("report.md", results.markdown(charts: charts)),
        ]
        contents += charts.map { ("charts/\($0.file)", $0.svg) }
        try writeAtomically(contents, to: directory, force: force)
        return contents.map(\.0)
    }

    /// `results` as pretty-printed JSON with sorted snake_case keys.
    public static func json(_ results: BenchResults) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(results), as: UTF8.self) + "\n"
    }

    /// The largest results.json read (a report of the full matrix is well under 1 MiB).
    static let maximumResultsBytes = 64 << 20

    /// Reads `results.json` back; the error names the path and, for a malformed file, the field.
    public static func read(_ path: String) throws(ReportWriteError) -> BenchResults {
        let bytes: [UInt8]
        do { bytes = try Syscalls.readRegularFile(path, limit: maximumResultsBytes) } catch {
            throw ReportWriteError(description: error.description)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let results: BenchResults
        do { results = try decoder.decode(BenchResults.self, from: Data(bytes)) } catch {
            throw ReportWriteError(description: "\(path): not a vaultsim bench results.json: \(ResultsDecoding.explain(error))")
        }
        if let problem = results.firstImplausibleNumber() {
            throw ReportWriteError(description: "\(path): \(problem)")
        }
        return results
    }

    static func writeAtomically(_ files: [(String, String)], to directory: String, force: Bool) throws(ReportWriteError) {
        do {
            let output = try OutputFolder(OutputPath(directory), kind: .benchReport, force: force)
            try Syscalls.makeFolder(output.staging + "/charts")
            for (relative, text) in files {
                try Syscalls.writeNewFile(output.staging + "/" + relative, Array(text.utf8))
            }
            try output.publish()
        } catch {
            throw ReportWriteError(description: "\(error)")
        }
    }
}
