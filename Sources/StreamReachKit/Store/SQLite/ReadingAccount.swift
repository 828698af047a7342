import Foundation

/// Who is about to read a database file, as far as SQLite's `-wal` and `-shm` files go.
///
/// SQLite creates those two beside the database as whoever opens it first, and a read-only
/// connection leaves them behind when it closes. Created by another account than the
/// file's owner, they stay owned by that account, and the owner's next collect cannot write
/// them (seen: a board run as another user, then the owner's import exited 78). So only the
/// owner (or root, whose files SQLite gives to the owner) reads a file whose logs are not
/// there yet; another account reads while they exist (a collect or `live` has the file
/// open), or opens the file as writers do when it may write it, whose close removes them.
enum ReadingAccount {
    case owner
    case logsExist
    case mayWrite
    case otherAccount(owner: String)

    static func of(_ path: String) -> ReadingAccount {
        var file = stat()
        let user = geteuid()
        if stat(path, &file) != 0 || user == 0 || user == file.st_uid { return .owner }
        if access(path + "-wal", F_OK) == 0 && access(path + "-shm", F_OK) == 0 { return .logsExist }
        if access(path, W_OK) == 0 { return .mayWrite }
        // Only on this error path: getpwuid reads /etc/passwd.
        return .otherAccount(owner: getpwuid(file.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(file.st_uid)")
    }
}
