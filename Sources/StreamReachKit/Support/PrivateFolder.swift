import Foundation

/// The folder of the database and its lock: created for its owner only, when missing.
enum PrivateFolder {
    /// Creates the folder holding `path` (0700) unless it exists. Checked first: Foundation's
    /// createDirectory looks up the owner's and group's names (/etc/passwd, /etc/group) even
    /// when the folder is there already.
    static func ensure(containing path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }
}
