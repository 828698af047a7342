import Foundation
import GRDB

/// The store could not be opened, read or written; the message carries the database's own words.
package struct StoreError: Error, LocalizedError, ExitStatusReporting, Sendable {
    package let path: String
    package let message: String
    /// A database that cannot be used now (busy, disk full) may work next time (75); a
    /// missing one is configuration (78).
    package private(set) var exitStatus: ExitStatus

    package var errorDescription: String? { "\(path): \(message)" }

    init(path: String, _ error: any Error) {
        self.path = path
        exitStatus = .temporaryFailure
        if let store = error as? StoreError {
            message = store.message
            exitStatus = store.exitStatus
        } else if let database = error as? DatabaseError {
            let sqlite = "SQLite error \(database.resultCode.rawValue): \(database.message ?? "\(database)")"
            if database.resultCode == .SQLITE_NOTADB || database.resultCode == .SQLITE_CORRUPT {
                message = "not a StreamReach database, or a damaged one (\(sqlite)); restore it from a backup, or move it aside to start a new one"
                exitStatus = .damagedDatabase
            } else if database.resultCode == .SQLITE_READONLY || database.resultCode == .SQLITE_CANTOPEN {
                // Not a passing state: the file's or its folder's permissions, or a missing folder.
                let name = (path as NSString).lastPathComponent
                message = "this user cannot use it (\(sqlite)): it must be able to read the file and to write its folder, "
                    + "where SQLite keeps \(name)-wal and \(name)-shm; run as the user that owns it, or give this one access"
                exitStatus = .configError
            } else {
                message = sqlite
            }
        } else {
            message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
        }
    }

    init(path: String, message: String, exitStatus: ExitStatus) {
        self.path = path
        self.message = message
        self.exitStatus = exitStatus
    }

    /// `--db` names a folder, where SQLite would say only "disk I/O error".
    package static func folderNotFile(path: String) -> StoreError {
        let example = (path as NSString).appendingPathComponent("streamreach.sqlite")
        return StoreError(path: path, message: "is a folder, not a database file; name the file, e.g. --db \(example)", exitStatus: .configError)
    }

    /// A reader under another account than the file's owner, when SQLite would create the
    /// logs beside it as that account (``ReadingAccount``).
    package static func logsWouldBelongToAnother(path: String, owner: String) -> StoreError {
        let name = (path as NSString).lastPathComponent
        // Root may write the files, but then reads what another account may change.
        let (harm, readers) = owner == "root" ? ("this user could change what root's next collect reads from them", "root")
                                              : ("\(owner)'s next collect could not write them", "\(owner) (or root)")
        return StoreError(path: path, message: "belongs to \(owner), and this user may only read it: SQLite would create \(name)-wal and "
                          + "\(name)-shm beside it as this user, and \(harm); read it as \(readers), "
                          + "or while a collect or `live` run of \(owner)'s has it open", exitStatus: .configError)
    }

    /// A reading command found no database: it never creates an empty one by mistake.
    package static func noDatabase(path: String) -> StoreError {
        StoreError(path: path, message: "no database here; run `streamreach collect` first or pass --db", exitStatus: .configError)
    }
}
