import Foundation

/// Keeps two collect runs on one database from overlapping.
///
/// An advisory `flock` on `<database>.lock`: the kernel drops it when the holder exits,
/// even by SIGKILL, so a crashed run never blocks the next night.
package final class FileRunLock: RunLease {
    private let descriptor: Int32
    package let path: String

    /// Takes the lock or throws at once, naming the run that holds it.
    package init(databasePath: String, now: Date = Date()) throws {
        path = databasePath + ".lock"
        // The first night may run before the database folder exists; if it cannot be made,
        // opening the lock says why.
        try? PrivateFolder.ensure(containing: path)
        // Its own mode, not a process-wide umask: that would narrow what other threads create meanwhile.
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard opened >= 0 else {
            throw RunLockError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        // The descriptor is kept only once the lock is ours. Kept before, a refusal closed
        // it here and `deinit` (which runs for an instance whose properties were all set)
        // truncated and closed the same number again: by then another file of the process
        // could have it (tests saw a pipe fail with EBADF, a server hang, a SIGBUS).
        guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(opened)
            throw RunLockError.held(path: path, holder: holder ?? "")
        }
        descriptor = opened
        let note = "pid \(getpid()) since \(InternetTime.string(from: now))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
