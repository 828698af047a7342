/// Opens the store that `--db` (or `$STREAMREACH_DB`) names: a `postgresql://` URL is the
/// shared PostgreSQL store, anything else a file of the embedded SQLite store.
package enum StoreLocation {
    /// Opens the store, creating and migrating it if needed (the nightly job, imports).
    /// `longRunning`: for a job that runs for hours and writes as it goes (`live`), whose
    /// memory must stay flat (``SQLiteStore/init(path:mapped:)``).
    package static func open(_ location: String, longRunning: Bool = false) async throws -> any ReachStore {
        if PostgresAddress.isURL(location) {
            return try await PostgresStore.open(PostgresAddress(url: location))
        }
        return try SQLiteStore(path: location, mapped: !longRunning)
    }

    /// Opens a store that must exist already (reports, `runs`): a typo in `--db` must not
    /// create an empty database and report nothing.
    package static func openExisting(_ location: String) async throws -> any ReachStore {
        if PostgresAddress.isURL(location) {
            return try await PostgresStore.existing(PostgresAddress(url: location))
        }
        return try SQLiteStore.existing(path: location)
    }

    /// The location as messages may show it: a server address never with its password.
    package static func display(_ location: String) -> String {
        guard PostgresAddress.isURL(location) else { return location }
        return (try? PostgresAddress(url: location).description) ?? "postgresql://…"
    }
}
