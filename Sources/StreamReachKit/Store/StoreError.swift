import Foundation
import GRDB

/// The store could not be opened or written; the message carries SQLite's own words.
package struct StoreError: Error, LocalizedError, Sendable {
    package let path: String
    package let message: String

    package var errorDescription: String? { "\(path): \(message)" }

    init(path: String, _ error: any Error) {
        self.path = path
        if let database = error as? DatabaseError {
            message = "SQLite error \(database.resultCode.rawValue): \(database.message ?? "\(database)")"
        } else {
            message = "\(error)"
        }
    }
}
