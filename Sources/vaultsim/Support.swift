// Support.swift: small pieces shared by the commands (diagnostics, errors, output options, machine facts).

import ArgumentParser
import Foundation
import VaultInspect

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

/// The aligned-table renderer lives in VaultInspect (with the grids of `show` and `collisions`);
/// this alias lets every command file use it without importing that module.
typealias TextTable = VaultInspect.TextTable

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

extension OutputFormat: ExpressibleByArgument {}

/// `--format`: how results are written.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output: table (aligned, for people), csv or json.")
    var format: OutputFormat = .table

    /// The aligned-table style for standard output: colour only on a terminal without NO_COLOR.
    func style(wide: Bool = false) -> GridStyle {
        GridStyle(wide: wide, colour: TerminalColour.enabled(outputIsTerminal: TerminalColour.standardOutputIsTerminal,
                                                              environment: ProcessInfo.processInfo.environment))
    }
}
