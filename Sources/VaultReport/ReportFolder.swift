// ReportFolder.swift: writing a report folder atomically (temporary folder, fsync, rename).

import Foundation

/// A failure while writing the report folder; the message names the path.
public struct ReportWriteError: Error, CustomStringConvertible {
    public let description: String
}

/// Writes `results.json`, `results.csv`, `report.md` and `charts/*.svg` into a folder.
///
/// Everything goes into `.NAME.tmp-<pid>` beside the target, each file is fsynced, then the folder
/// is renamed into place (an existing report is renamed aside first and removed last), so the
/// target is either the old report or the complete new one.
public enum ReportFolder {
    /// The file names a report folder holds, charts excluded.
    public static let files = ["results.json", "results.csv", "report.md"]

    /// Writes the report of `results` into `directory`; returns the paths written, relative to it.
    @discardableResult
    public static func write(_ results: BenchResults, to directory: String) throws -> [String] {
        let charts = results.charts()
        var contents: [(String, String)] = [
            ("results.json", try json(results)),
            ("results.csv", results.csv()),
            ("report.md", results.markdown(charts: charts)),
        ]
        contents += charts.map { ("charts/\($0.file)", $0.svg) }
        try writeAtomically(contents, to: directory)
        return contents.map(\.0)
    }

    /// `results` as pretty-printed JSON with sorted snake_case keys.
    public static func json(_ results: BenchResults) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(results), as: UTF8.self) + "\n"
    }

    /// Reads `results.json` back.
    public static func read(_ path: String) throws -> BenchResults {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(BenchResults.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func writeAtomically(_ files: [(String, String)], to directory: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = parent.appendingPathComponent(".\(name).tmp-\(pid)")
        let aside = parent.appendingPathComponent(".\(name).old-\(pid)")
        func fail(_ what: String, _ path: URL, _ error: Error) -> ReportWriteError {
            ReportWriteError(
                description: "report \(directory): cannot \(what) \(path.path): \(error.localizedDescription)")
        }
        var isFolder: ObjCBool = false
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isFolder)
        if exists && !isFolder.boolValue {
            throw ReportWriteError(description: "report \(directory): exists and is not a folder")
        }
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw fail("create", parent, error)
        }
        try? fm.removeItem(at: temporary)
        do {
            try fm.createDirectory(at: temporary.appendingPathComponent("charts"), withIntermediateDirectories: true)
            for (relative, text) in files {
                let url = temporary.appendingPathComponent(relative)
                do {
                    try Data(text.utf8).write(to: url)
                    let handle = try FileHandle(forUpdating: url)
                    try handle.synchronize()
                    try handle.close()
                } catch { throw fail("write", url, error) }
            }
            syncFolder(temporary.appendingPathComponent("charts"))
            syncFolder(temporary)
            if exists {
                do { try fm.moveItem(at: target, to: aside) } catch { throw fail("move aside", target, error) }
            }
            do { try fm.moveItem(at: temporary, to: target) } catch {
                if exists { try? fm.moveItem(at: aside, to: target) }
                throw fail("rename", temporary, error)
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
        syncFolder(parent)
        if exists { try? fm.removeItem(at: aside) }
    }

    /// fsyncs a folder so that the entries created or renamed in it are durable (best effort).
    static func syncFolder(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }
}
