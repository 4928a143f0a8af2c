// VaultSim.swift: the root command of the vaultsim tool.

import ArgumentParser
import VaultFiles

/// `vaultsim`: simulate a Data Vault 2.0 warehouse in memory, in columns, and measure it.
@main
struct VaultSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vaultsim",
        abstract: "Simulate a Data Vault 2.0 warehouse in memory, in columns, and measure it.",
        discussion: HelpText.reflow("""
            Results go to standard output; progress and diagnostics to standard error.
            Every command is deterministic: the same seed and options give the same bytes.
            """),
        version: VaultSimVersion.string,
        subcommands: [GenerateCommand.self, LoadCommand.self, QueryCommand.self, SnapshotCommand.self, ExportCommand.self,
                      ExportDBTCommand.self, DDLCommand.self, HashCommand.self, BenchCommand.self, ShowCommand.self,
                      CollisionsCommand.self, ExplainCommand.self, ModelCommand.self]
    )
}

extension VaultSim {
    /// Parses and runs the command. An interrupt being handled (``Temporaries``) ends the process
    /// with its own status: the command's thread waits for it instead of exiting first.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            Temporaries.waitIfInterrupted()
        } catch {
            Temporaries.waitIfInterrupted()
            exit(withError: error)
        }
    }
}

/// The version printed by `--version` and written into manifests.
enum VaultSimVersion {
    static let string = "0.1.0"
}
