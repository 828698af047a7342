import Foundation
import Testing
@testable import StreamReachKit

/// `make demo-network`'s run: three venues' nightly jobs at once into one PostgreSQL. In a
/// child process, as `make demo-network` runs it, and so that its simulated platforms and
/// three collectors do not take the test process's two pool threads from the other tests'
/// servers.
@Suite struct DemoNetworkTests {
    @Test func threeVenuesCollectInParallelIntoOneStore() async throws {
        let database = try await TestPostgres.shared.freshDatabase()
        defer { Task { await database.drop() } }
        let result = try await CLIRunner.run(["demo", "--network", "--db", database.url])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Demo network of three venues (simulated): network reach"))
        #expect(result.stdout.contains("Stored 183 nightly runs of 3 venues"))
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
        #expect(try await CLIRunner.run(["demo", "--network"]).status == 64)
    }
}
