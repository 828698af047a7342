import Foundation
import Testing
@testable import StreamReachDemo
@testable import StreamReachKit

/// `make demo-network`'s run: three venues' nightly jobs at once into one PostgreSQL.
@Suite struct DemoNetworkTests {
    @Test func threeVenuesCollectInParallelIntoOneStore() async throws {
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let result = try await DemoNetworkRun(database: database.url).run { _ in }
        #expect(result.venues == 3)
        #expect(result.runs == 3 * 61)
        #expect(result.reportText.contains("Demo network of three venues (simulated): network reach"))
        // Every run of every venue is stored once, with all of its series.
        let perProgramme = try await TestPostgres.strings(database.url, """
            SELECT programme.name || '=' || count(*)::text FROM run JOIN programme ON programme.id = run.programme_id
            GROUP BY programme.name ORDER BY programme.name
            """)
        #expect(perProgramme == ["demo-venue-b=61", "demo-venue-c=61", "fruchthalle-2020=61"])
        let consistent = try await TestPostgres.strings(database.url, """
            SELECT ((SELECT sum(series_count) FROM run) = (SELECT count(*) FROM snapshot))::text
            """)
        #expect(consistent == ["true"])
    }
}
