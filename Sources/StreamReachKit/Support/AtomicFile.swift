import Foundation

/// Writes a file so that readers see the old content or the new, never half of it:
/// a temporary file in the same folder, then rename(2).
package enum AtomicFile {
    package struct WriteError: Error, LocalizedError, ExitStatusReporting {
        package let path: String
        package let reason: String
        package var errorDescription: String? { "cannot write \(path): \(reason); check that the folder exists and is writable" }
        package var exitStatus: ExitStatus { .cannotCreateOutput }
    }

    package static func write(_ text: String, to path: String, permissions: mode_t = 0o644) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeMutableBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            guard result > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw WriteError(path: path, reason: reason)
            }
            written += result
        }
        bytes.removeAll()
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }
}
