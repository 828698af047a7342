import Foundation
import Testing

@Suite struct PlanFillCommandTests {
    static let skeleton = "Schedules/fruchthalle-winter-2020.plan.yaml"
    static let pool = "Schedules/fruchthalle-winter-2020.acts.yaml"
    static let late = "Schedules/fruchthalle-winter-2020.late-acts.yaml"

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sr-\(UUID())-\(name)").path
    }

    /// The issue's "done when": fill the winter series from its pool, check it, cancel one
    /// act and add a late one with replan, and see only the necessary changes.
    @Test func fillCheckAndReplanTheWinterSeries() async throws {
        let filled = Self.temporaryPath("winter.yaml")
        defer { try? FileManager.default.removeItem(atPath: filled) }
        let fill = try await CLIRunner.run(["plan", "fill", Self.skeleton, "--acts", Self.pool, "--output", filled])
        #expect(fill.status == 0, "\(fill.stderr)")
        #expect(fill.stdout.contains("Placed 10 of 10 acts."))
        #expect(fill.stdout.contains("Wrote \(filled) (plan check: 0 errors"))
        let check = try await CLIRunner.run(["plan", "check", filled])
        #expect(check.status == 0, "\(check.stdout)")

        let replanned = Self.temporaryPath("winter-2.yaml")
        defer { try? FileManager.default.removeItem(atPath: replanned) }
        let replan = try await CLIRunner.run(["plan", "replan", filled, "--acts", Self.pool, "--acts", Self.late,
                                              "--cancel", "katrin-wilking", "--add", "jazz-standby", "--from", "2020-12-15",
                                              "--output", replanned, "--format", "json"])
        #expect(replan.status == 0, "\(replan.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(replan.stdout.utf8)) as? [String: Any])
        let moved = try #require(json["moved"] as? [[String: Any]])
        // The quartet can only come on Wed 16 Dec, Monica Tomasi's day; she can play Tue or
        // Wed, and the only Tue/Wed whose act can take Thu 17 Dec (Katrin Wilking's, now
        // free) is Die Untiere's Wed 30 Dec: two moves, no fewer will do.
        #expect(moved.map { "\($0["event"]!) \($0["from"]!) → \($0["to"]!)" }.sorted() == [
            "die-untiere 2020-12-30 17:00 → 2020-12-17 17:00", "monica-tomasi 2020-12-16 17:00 → 2020-12-30 17:00"])
        #expect((json["placed"] as? [[String: Any]])?.map { "\($0["act"]!) \($0["start"]!)" } == ["jazz-standby 2020-12-16 17:00"])
        #expect(json["cancelled"] as? [String] == ["katrin-wilking"])
        #expect((json["check"] as? [String: Int])?["errors"] == 0)

        // Only those lines changed. Start lines trade places (16, 17 and 30 December are all
        // still taken), so as a multiset of lines Katrin Wilking's went and the quartet's came.
        let before = try String(contentsOfFile: filled, encoding: .utf8).components(separatedBy: "\n")
        let after = try String(contentsOfFile: replanned, encoding: .utf8).components(separatedBy: "\n")
        var balance: [String: Int] = [:]
        for line in before { balance[line, default: 0] -= 1 }
        for line in after { balance[line, default: 0] += 1 }
        #expect(balance.filter { $0.value != 0 } == [
            "  - id: katrin-wilking": -1, "    title: Katrin Wilking": -1, "    performers: [Katrin Wilking]": -1,
            "  - id: jazz-standby": 1, "    title: Jazz quartet (standby)": 1, "    performers: [Jazz quartet (illustrative)]": 1])
        let unchanged = Set(before.prefix { !$0.contains("- id: monica-tomasi") })
        #expect(after.starts(with: before.prefix { !$0.contains("- id: monica-tomasi") }), "the programme above the first moved event is untouched")
        #expect(!unchanged.isEmpty)
    }

    @Test func dryRunWritesNothingAndPrintsThePlanForScripts() async throws {
        let result = try await CLIRunner.run(["plan", "fill", Self.skeleton, "--acts", Self.pool, "--dry-run", "--format", "json", "--explain"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["placed"] as? [Any])?.count == 10)
        #expect((json["unplaced"] as? [Any])?.isEmpty == true)
        #expect(json["already-placed"] as? [String] == ["kai-schumacher"])
        #expect(json["output"] is NSNull)
        let cost = try #require(json["cost"] as? [String: Int])
        #expect(cost["total"] == cost["preferred-dates"]! + cost["kind-on-consecutive-days"]! + cost["crowded-weeks"]! + cost["performers-close"]!)
        let first = try #require((json["placed"] as? [[String: Any]])?.first)
        #expect(first["why"] is String && first["wishes"] is [Any])
    }

    @Test func exitsOneAndSaysWhyWhenAnActCannotBePlaced() async throws {
        let pool = try ScratchFolder.file("""
            acts:
              - {id: choir, title: Monday choir, kind: concert, available: {weekdays: [mon]}}
              - {id: talk, title: A talk, kind: talk}
            """, suffix: ".yaml")
        let result = try await CLIRunner.run(["plan", "fill", Self.skeleton, "--acts", pool, "--dry-run"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(pool):2:5: choir: available only on Mondays; the series plays Tue, Wed, Thu, Fri"), "\(result.stdout)")
        #expect(result.stdout.contains("Placed 1 of 2 acts."))
    }

    @Test(arguments: [
        (["plan", "fill", "Schedules/fruchthalle-winter-2020.plan.yaml", "--acts", "Schedules/fruchthalle-winter-2020.acts.yaml"], 64, "--output FILE"),
        (["plan", "fill", "Schedules/fruchthalle-winter-2020.plan.yaml", "--dry-run"], 64, "--acts"),
        (["plan", "fill", "Schedules/fruchthalle-winter-2020.plan.yaml", "--acts", "Schedules/nope.yaml", "--dry-run"], 65, "Schedules/nope.yaml:1:1: no such file"),
        (["plan", "fill", "Schedules/fruchthalle-winter-2020.plan.yaml", "--acts", "Schedules/fruchthalle-2020.yaml", "--dry-run"], 65,
         "fruchthalle-2020.yaml:14:1: this is a programme (it has `series:`), not an act pool"),
        (["plan", "replan", "Schedules/fruchthalle-winter-2020.plan.yaml", "--acts", "Schedules/fruchthalle-winter-2020.acts.yaml",
          "--cancel", "kai-schumaker", "--dry-run"], 65, "no event `kai-schumaker` in this programme; did you mean `kai-schumacher`?"),
        (["plan", "replan", "Schedules/fruchthalle-winter-2020.plan.yaml", "--acts", "Schedules/fruchthalle-winter-2020.acts.yaml", "--dry-run"], 64, "nothing to change"),
        (["plan", "replan", "Schedules/fruchthalle-winter-2020.plan.yaml", "--acts", "Schedules/fruchthalle-winter-2020.acts.yaml",
          "--add", "jazz-standbye", "--dry-run"], 65, "no act `jazz-standbye` in the act pool"),
        (["plan", "replan", "Schedules/fruchthalle-winter-2020.plan.yaml", "--acts", "Schedules/fruchthalle-winter-2020.acts.yaml",
          "--cancel", "kai-schumacher", "--from", "2020-12-20", "--dry-run"], 64, "before --from 2020-12-20"),
    ])
    func badInputExitsWithItsCodeAndWritesNothing(_ arguments: [String], _ status: Int32, _ words: String) async throws {
        let result = try await CLIRunner.run(arguments)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
