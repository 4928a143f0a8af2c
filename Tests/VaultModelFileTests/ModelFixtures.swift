// ModelFixtures.swift: the bundled retail model's text, edited in one place, and its diagnostics.

import Foundation
import Testing
import VaultModelFile

/// Model texts for the tests: retail.yaml with one edit, and what reading gives.
enum ModelFixtures {
    static let retail = BundledModel.retail.text

    /// retail.yaml with the one occurrence of `old` replaced by `new`.
    static func retail(replacing old: String, with new: String) -> String {
        let parts = retail.components(separatedBy: old)
        guard parts.count == 2 else {
            Issue.record("'\(old)' occurs \(parts.count - 1) times in retail.yaml (once expected)")
            return retail
        }
        return parts.joined(separator: new)
    }

    /// The 1-based line of the first line of `text` containing `needle` (after line `after`).
    static func line(of needle: String, in text: String, after: Int = 0) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for i in after..<lines.count where lines[i].contains(needle) { return i + 1 }
        Issue.record("'\(needle)' is not in the text after line \(after)")
        return 0
    }

    /// The diagnostics of reading `text` as retail.yaml (none when it reads).
    static func diagnostics(_ text: String, file: String = "retail.yaml") -> [ModelDiagnostic] {
        do {
            _ = try ModelFile.read(text, fileName: file)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// The diagnostics as the command prints them.
    static func lines(_ text: String) -> [String] { diagnostics(text).map(\.description) }
}
