// InterruptCleanup.swift: removing a command's working folder when it is interrupted.

import Dispatch
import Foundation

/// On SIGINT or SIGTERM, stops the running child process (``ChildProcess``), removes a working
/// folder and exits with 128 + the signal's number, so an interrupted `bench` leaves nothing behind.
///
/// The signals are taken from their default action and delivered to a dispatch source on a
/// background queue: the command's own thread is busy waiting for its child.
final class InterruptCleanup: @unchecked Sendable {
    private var sources = [DispatchSourceSignal]()

    /// Watches for SIGINT and SIGTERM until ``cancel()``; `folder` is removed when one arrives.
    init(removing folder: String) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                ChildProcess.terminateRunning()
                try? FileManager.default.removeItem(atPath: folder)
                FileHandle.standardError.write(Data("vaultsim: interrupted; removed \(folder)\n".utf8))
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and gives the signals their default action back.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
