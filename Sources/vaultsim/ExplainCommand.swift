// ExplainCommand.swift: `vaultsim explain`, a guided walkthrough of Data Vault loading with real rows.

import ArgumentParser
import Foundation
import VaultInspect
import VaultModel
import VaultTeach

extension DocumentFormat: ExpressibleByArgument {}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Walk through Data Vault 2.0 loading step by step, on a tiny dataset loaded by the real pipeline.",
        discussion: HelpText.reflow("""
            Four small batches of the retail feed (4 customers, 3 products, 2 stores,
            2 promotions, 7 sales lines) are loaded by vaultsim's own loader, and each
            step is explained from the tables it produced: the source rows, staging
            (each business key standardised and hashed), hub and link rows inserted or
            already known, satellite change detection by hashdiff, end dates, a
            point-in-time table with ghost records, and an as-of query through it.

            The data shows a new key, a known key, a dirty key (' c001 ' landing on
            C001), a changed and an unchanged satellite row, multi-active phone groups,
            a promotion that ends, a late-arriving customer and a PIT ghost. The same
            options give the same bytes.

            Examples:
              vaultsim explain --step                   pause after each step
              vaultsim explain --hash sha256            SHA-256 keys instead of MD5
              vaultsim explain --profile datavault4dbt  datavault4dbt's rules
              vaultsim explain --format markdown > WALKTHROUGH.md
            """)
    )

    @OptionGroup var hashing: StrategyOptions

    @Option(help: "text (terminal, aligned tables) or markdown (course material).")
    var format: DocumentFormat = .text

    @Flag(help: "Pause after each step until Enter is pressed (only when standard input is a terminal).")
    var step = false

    @Flag(help: "Show hash keys in full in every table.")
    var wide = false

    @Option(help: "Wrap prose at this many characters (text format; at least 40).")
    var width: Int = 100

    func validate() throws {
        guard width >= 40 else { throw ValidationError("--width must be at least 40 (got \(width)).") }
    }

    func run() throws {
        let walkthrough: Walkthrough
        do { walkthrough = try Walkthrough.run(WalkthroughOptions(strategy: hashing.strategy)) } catch let error
            as VaultError
        {
            throw CommandFailure("explain: \(error)")
        } catch let error as WalkthroughError {
            throw CommandFailure("explain: \(error)")
        }
        let colour =
            format == .text
            && TerminalColour.enabled(
                outputIsTerminal: TerminalColour.standardOutputIsTerminal,
                environment: ProcessInfo.processInfo.environment)
        let renderer = DocumentRenderer(format: format, style: GridStyle(wide: wide, colour: colour), width: width)
        let document = walkthrough.document
        guard step && isatty(0) == 1 else {
            print(renderer.render(document), terminator: "")
            return
        }
        var pausing = true
        print(renderer.title(document))
        for (i, section) in document.sections.enumerated() {
            print(renderer.render(section))
            guard pausing, section.level == .step, i < document.sections.count - 1 else { continue }
            Diagnostics.progress("[Enter: next step, Ctrl-D: to the end]")
            if readLine() == nil { pausing = false }
        }
    }
}
