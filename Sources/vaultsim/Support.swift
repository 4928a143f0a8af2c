// Support.swift: small pieces shared by the commands (diagnostics, errors, tables, machine facts).

import ArgumentParser
import Foundation

/// Progress and diagnostics go to standard error, results to standard output.
enum Diagnostics {
    /// Whether standard error is a terminal (progress bars only then).
    static let stderrIsTerminal = isatty(2) == 1

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// A failure that ends the command with one clear line and exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Aligned plain-text tables.
enum TextTable {
    /// Renders rows (the first is the header) with columns padded to their widest cell.
    static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let header = rows.first else { return "" }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.dropFirst().map(line)
        return out.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// What machine a measurement ran on.
struct MachineInfo: Codable {
    var cpuModel: String
    var cpuFlags: [String]
    var cores: Int
    var memoryBytes: UInt64
    var swiftVersion: String
    var os: String

    static func current() -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        func field(_ name: String) -> String {
            cpuinfo.split(separator: "\n").first { $0.hasPrefix(name) }
                .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) } ?? "unknown"
        }
        let interesting: Set<String> = ["avx2", "avx512f", "avx512bw", "sha_ni", "sse4_2", "bmi2", "asimd", "sha2"]
        let flags = field("flags").split(separator: " ").map(String.init).filter { interesting.contains($0) }
        #if swift(>=6.3)
        let swift = "6.3"
        #else
        let swift = "6.x"
        #endif
        return MachineInfo(cpuModel: field("model name"), cpuFlags: flags.sorted(),
                           cores: ProcessInfo.processInfo.activeProcessorCount,
                           memoryBytes: ProcessInfo.processInfo.physicalMemory, swiftVersion: swift,
                           os: ProcessInfo.processInfo.operatingSystemVersionString)
    }
}
