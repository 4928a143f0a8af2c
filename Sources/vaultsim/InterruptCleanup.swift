// InterruptCleanup.swift: removing a command's working folder when it is interrupted.

import VaultFiles

/// On SIGINT or SIGTERM, stops the running child process (``ChildProcess``), removes a working
/// folder and exits with 128 + the signal's number, so an interrupted `bench` leaves nothing behind.
///
/// The signals are handled by VaultFiles' ``Temporaries`` (the one handler of the process, which
/// also removes partial outputs): the folder is registered there as a temporary.
final class InterruptCleanup {
    private let folder: String

    /// Watches for SIGINT and SIGTERM until ``cancel()``; `folder` is removed when one arrives.
    init(removing folder: String) {
        self.folder = folder
        Temporaries.onInterrupt { ChildProcess.terminateRunning() }
        Temporaries.add(folder)
        Temporaries.installInterruptHandler()
    }

    /// Stops treating the folder as a temporary (its owner removes it).
    func cancel() { Temporaries.remove(folder) }
}
