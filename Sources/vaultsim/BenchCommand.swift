// BenchCommand.swift: `vaultsim bench`, the measuring commands.

import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure vaultsim: the stage matrix with a report (default), hash kernels against OpenSSL.",
        subcommands: [
            BenchRunCommand.self, BenchRenderCommand.self, BenchHashCommand.self, BenchKernelsCommand.self,
            BenchCellCommand.self,
        ],
        defaultSubcommand: BenchRunCommand.self
    )
}
