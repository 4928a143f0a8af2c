// BenchCommand.swift: `vaultsim bench`, the measuring commands.

import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure vaultsim: hash kernels against OpenSSL, and the loading stages.",
        subcommands: [BenchHashCommand.self, BenchKernelsCommand.self]
    )
}
