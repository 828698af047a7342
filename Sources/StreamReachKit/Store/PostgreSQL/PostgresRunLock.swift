import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The per-programme run lock on a shared server: a session-level advisory lock, held on a
/// connection outside the pool for as long as the run (and lent to the run's own reads and
/// writes, ``borrow()``). PostgreSQL drops it when that connection ends, even when the
/// process is killed, so a crashed run never blocks the next night; runs of other
/// programmes take other keys and go on in parallel.
///
/// The holder is named by the connection's `application_name` (process, host, start), which
/// the refused run reads from `pg_stat_activity`.
final class PostgresRunLock: RunLease {
    private let connection: PostgresConnection
    private let key: Int32
    private let logger: Logger
    private let lending = Mutex(Lending())

    private struct Lending {
        var lent = false
        var released = false
    }

    private init(connection: PostgresConnection, key: Int32, logger: Logger) {
        self.connection = connection
        self.key = key
        self.logger = logger
    }

    /// The lock's connection, lent for one operation of the run at a time, so that a
    /// nightly job does all its work on the one connection it needs anyway: a second one
    /// costs the server a backend start (~3 ms of CPU) for every run. Nil while it is lent
    /// out, once it is closed, or after `release()`: the caller then uses the pool.
    func borrow() -> PostgresConnection? {
        lending.withLock { lending in
            guard !lending.lent, !lending.released, !connection.isClosed else { return nil }
            lending.lent = true
            return connection
        }
    }

    /// Ends a `borrow()`.
    func giveBack() {
        lending.withLock { $0.lent = false }
    }

    /// Unlocks on the server and waits for it: closing the connection also releases the
    /// lock, but only once the server has noticed, and a next run a moment later was refused.
    func release() async {
        lending.withLock { $0.released = true }
        _ = try? await connection.run("SELECT pg_advisory_unlock(\(PostgresMigrations.lockClass), \(key))", logger: logger)
    }

    /// `reusing`: an open connection of the store's that nobody uses any more (it is renamed
    /// for the holder); else a new one.
    static func take(_ address: PostgresAddress, programme: String, now: Date, reusing spare: PostgresConnection? = nil,
                     logger: Logger) async throws -> PostgresRunLock {
        let host = ProcessInfo.processInfo.hostName
        let holder = "streamreach pid \(getpid()) on \(host) since \(InternetTime.string(from: now))"
        let connection: PostgresConnection
        if let spare, !spare.isClosed {
            connection = spare
            do {
                try await connection.run("SELECT set_config('application_name', \(String(holder.prefix(63))), false)", logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
        } else {
            if let spare { try? await spare.close() }
            connection = try await PostgresConnection.connect(
                configuration: address.connectionConfiguration(applicationName: holder), id: 1, logger: logger)
        }
        do {
            let key = programmeKey(programme)
            let rows = try await connection.run(
                "SELECT pg_try_advisory_lock(\(PostgresMigrations.lockClass), \(key))", logger: logger)
            var taken = false
            for try await value in rows.decode(Bool.self) { taken = value }
            guard taken else {
                let holder = try await currentHolder(connection, key: key, logger: logger)
                try? await connection.close()
                throw RunLockError.held(path: "\(address) (programme \(programme))", holder: holder)
            }
            return PostgresRunLock(connection: connection, key: key, logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The programme's lock key: FNV-1a of its id, the same in every StreamReach process.
    /// (A collision of two programmes only makes their runs wait for each other.)
    static func programmeKey(_ programme: String) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for byte in programme.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return Int32(bitPattern: hash)
    }

    private static func currentHolder(_ connection: PostgresConnection, key: Int32, logger: Logger) async throws -> String {
        let objectID = Int64(UInt32(bitPattern: key))
        let rows = try await connection.run("""
            SELECT activity.application_name FROM pg_locks
            JOIN pg_stat_activity activity ON activity.pid = pg_locks.pid
            WHERE pg_locks.locktype = 'advisory' AND pg_locks.granted
              AND pg_locks.classid::bigint = \(Int64(PostgresMigrations.lockClass)) AND pg_locks.objid::bigint = \(objectID)
            LIMIT 1
            """, logger: logger)
        for try await name in rows.decode(String?.self) { return name ?? "" }
        return ""
    }

    deinit {
        // Closing the connection releases the lock on the server, if `release()` did not.
        connection.closeSoon()
    }
}
