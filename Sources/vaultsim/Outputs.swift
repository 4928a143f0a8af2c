// Outputs.swift: how every command opens what it writes: checked before the work, published whole.

import ArgumentParser
import VaultFiles

/// `--force`: replace an output vaultsim cannot prove it wrote.
struct ForceOption: ParsableArguments {
    @Flag(help: "Replace an existing output folder (or file) even when vaultsim cannot tell that it wrote it. Never replaces a file with a folder.")
    var force = false
}

/// The outputs of a command, opened at the start of `run()`: each folder output locked, checked
/// and given its staging folder before any work is done, so a refusal costs nothing and loses nothing.
enum Outputs {
    /// Checks an output path as an option's value, for `validate()`.
    static func path(_ given: String, option: String) throws -> OutputPath {
        do { return try OutputPath(given) } catch { throw ValidationError("\(option) \(error).") }
    }

    /// Opens the folder output `given` of `option`; SIGINT and SIGTERM then remove its staging folder.
    static func folder(_ given: String, option: String, kind: OutputKind, force: Bool) throws -> OutputFolder {
        Temporaries.installInterruptHandler()
        do {
            return try OutputFolder(OutputPath(given), kind: kind, force: force)
        } catch {
            throw CommandFailure("\(option) \(error)")
        }
    }

    /// Checks, before a long run, that the folder output `given` may be written later (and is not
    /// being written now); the writer opens it again when its content is ready.
    static func checkFolder(_ given: String, option: String, kind: OutputKind, force: Bool) throws {
        try folder(given, option: option, kind: kind, force: force).abandon()
    }

    /// Publishes a finished folder output.
    static func publish(_ output: OutputFolder, option: String) throws {
        do { try output.publish() } catch { throw CommandFailure("\(option) \(error)") }
    }

    /// Checks that the file output `given` of `option` may be written (see ``OutputFile``).
    static func file(_ given: String, option: String, signature: String, force: Bool) throws {
        do {
            try OutputFile.checkReplaceable(OutputPath(given), signature: signature, force: force)
        } catch {
            throw CommandFailure("\(option) \(error)")
        }
    }
}
