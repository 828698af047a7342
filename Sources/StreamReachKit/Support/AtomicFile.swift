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

    /// Throws ``WriteError`` unless a file can be written at `path` (its folder exists and
    /// is writable): checked before work whose result must not be lost on a bad path.
    package static func checkWritable(_ path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw WriteError(path: path, reason: "the folder \(folder) does not exist")
        }
        guard access(folder, W_OK) == 0 else {
            throw WriteError(path: path, reason: "the folder \(folder) is not writable by this user")
        }
    }

    package static func write(_ text: String, to path: String, permissions: mode_t = 0o644) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        // Set again: open's mode passes through the umask, and a unit with UMask=0077 would
        // make a metrics file that node_exporter (another user) cannot read.
        _ = fchmod(descriptor, permissions)
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
