// ChildProcess.swift: running another program and decoding the JSON it prints.

import Foundation

/// Runs child programs whose standard output is one JSON document (standard error passes through).
enum ChildProcess {
    /// The child being waited for, if any (see ``terminateRunning()``).
    private static let running = Guarded<Process?>(nil)

    /// Stops the child being waited for (SIGTERM), if there is one.
    static func terminateRunning() {
        running.withLock { process in if process?.isRunning == true { process?.terminate() } }
    }

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
        running.withLock { $0 = process }
        defer { running.withLock { $0 = nil } }
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

/// A value behind a lock, for state shared with a signal handler's queue.
final class Guarded<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
