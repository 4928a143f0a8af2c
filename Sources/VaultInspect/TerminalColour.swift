// TerminalColour.swift: whether and how to colour output (ANSI escapes, NO_COLOR).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ANSI colours for aligned tables, used only when standard output is a terminal and the
/// `NO_COLOR` environment variable is unset or empty (https://no-color.org).
public struct TerminalColour: Sendable, Equatable {
    public var header: String
    public var hashKey: String
    public var null: String
    public var reset: String

    /// Bold header, cyan hash keys, dim NULLs.
    public static let palette = TerminalColour(header: "\u{1B}[1m", hashKey: "\u{1B}[36m", null: "\u{1B}[2m", reset: "\u{1B}[0m")
    /// No escapes at all.
    public static let none = TerminalColour(header: "", hashKey: "", null: "", reset: "")

    /// Whether to colour, from whether the output is a terminal and the environment.
    public static func enabled(outputIsTerminal: Bool, environment: [String: String]) -> Bool {
        outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Whether standard output is a terminal.
    public static var standardOutputIsTerminal: Bool { isatty(1) == 1 }
}
