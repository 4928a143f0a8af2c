// ModelCommand.swift: `vaultsim model check|show`, model files declaring a Data Vault.

import ArgumentParser
import VaultModelFile

/// `vaultsim model check FILE` and `vaultsim model show FILE|retail|teaching`.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Check and show model files: a Data Vault declared in YAML.",
        discussion: HelpText.reflow("""
            A model file declares a Data Vault in AutomateDV's metadata words (src_pk, src_nk,
            src_fk, src_payload, src_hashdiff, ...): its source tables and column types, the
            load-date and record-source rules, hubs, links, satellites (with derived columns),
            multi-active and effectivity satellites, point-in-time tables and bridges. The format
            and every error are described in docs/MODEL-FILES.md.

            vaultsim carries two: 'retail' (the vault of `vaultsim load`) and 'teaching' (the
            vault of `vaultsim explain`). Either name stands for the bundled file wherever a FILE
            is asked for; write ./retail for a file of that name.

            Examples:
              vaultsim model check my-vault.yaml
              vaultsim model show retail
            """),
        subcommands: [ModelCheck.self, ModelShow.self]
    )
}

/// A model named on the command line: a bundled name or a path.
enum ModelArgument {
    /// The model and the name its diagnostics and summary use.
    static func read(_ argument: String) throws(ModelFileError) -> (model: DataVaultModel, file: String) {
        if let bundled = BundledModel(rawValue: argument) {
            return (try ModelFile.read(bundled.text, fileName: bundled.fileName), bundled.fileName)
        }
        return (try ModelFile.read(contentsOf: argument), argument)
    }

    /// Reads `argument`; on mistakes prints each on standard error and ends with exit code 1.
    static func readOrExit(_ argument: String) throws -> (model: DataVaultModel, file: String) {
        do {
            return try read(argument)
        } catch {
            for diagnostic in error.diagnostics { Diagnostics.progress(diagnostic.description) }
            let count = error.diagnostics.count
            Diagnostics.progress("\(argument): \(count) error\(count == 1 ? "" : "s")")
            throw ExitCode.failure
        }
    }
}

/// `vaultsim model check FILE`
struct ModelCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a model file: prints 'FILE: OK, ...' or every error (file:line: field: message), exit code 1.")

    @Argument(help: "The model file (or 'retail' or 'teaching' for a bundled one).")
    var file: String

    func run() throws {
        let (model, name) = try ModelArgument.readOrExit(file)
        print(ModelText.summary(model, file: name))
    }
}

/// `vaultsim model show FILE|retail|teaching`
struct ModelShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a model's tables and its load plan (which job waits for which).")

    @Argument(help: "The model file, or 'retail' or 'teaching' for a bundled one.")
    var file: String

    func run() throws {
        let (model, _) = try ModelArgument.readOrExit(file)
        print(ModelText.tables(model))
        print()
        print(ModelText.plan(LoadPlan(model)))
    }
}
