// ChildProcess.swift: running another program and decoding the JSON it prints.

import Foundation

/// Runs child programs whose standard output is one JSON document (standard error passes through).
enum ChildProcess {
    /// Runs `path` with `arguments`, waits for it and decodes its output (snake_case keys) as `T`.
    /// - Throws: ``CommandFailure`` naming `context` and the command when it cannot start, fails or prints no valid `T`.
    static func runJSON<T: Decodable>(
        _ path: String, _ arguments: [String], as type: T.Type, context: String
    ) throws -> T {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let command = ([path] + arguments).joined(separator: " ")
        do { try process.run() } catch {
            throw CommandFailure("\(context): cannot start \(path): \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw CommandFailure("\(context): `\(command)` failed with status \(process.terminationStatus)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(T.self, from: data) } catch {
            throw CommandFailure("\(context): `\(command)` printed no valid JSON result: \(error)")
        }
    }
}
