/// Opens the store that `--db` (or `$STREAMREACH_DB`) names. A file path is the embedded
/// SQLite store; a server store will be chosen here by its URL.
package enum StoreLocation {
    /// Opens the store, creating and migrating it if needed (the nightly job, imports).
    package static func open(_ location: String) throws -> any ReachStore {
        try SQLiteStore(path: location)
    }

    /// Opens a store that must exist already (reports, `runs`): a typo in `--db` must not
    /// create an empty database and report nothing.
    package static func openExisting(_ location: String) throws -> any ReachStore {
        try SQLiteStore.existing(path: location)
    }
}
