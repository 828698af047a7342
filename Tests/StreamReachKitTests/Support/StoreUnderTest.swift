import Foundation
@testable import StreamReachKit

/// The store implementations the contract tests run against, each made fresh per test
/// and removed after it. A new store adds a case here and passes the same suite.
enum StoreUnderTest: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    var description: String { rawValue }

    /// A new, empty store, and what removes it.
    func make() async throws -> (store: any ReachStore, remove: @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sr-store-\(UUID())")
            let store = try SQLiteStore(path: folder.appendingPathComponent("streamreach.sqlite").path)
            // Closed before the files go (SQLiteStore.close() says why).
            return (store, { store.close(); try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            let database = try await TestPostgres.shared.freshDatabase()
            let store = try await StoreLocation.open(database.url)
            return (store, database.drop)
        }
    }
}
