import Foundation
import Testing
@testable import StreamReachKit

@Suite struct ReportRenderingTests {
    /// Golden files: `STREAMREACH_RECORD_GOLDEN=1 make test` writes them anew.
    @Test(arguments: ReportFormat.allCases.filter(\.showsAPeriod))
    func goldenFiles(_ format: ReportFormat) async throws {
        let history = try await History.standard()
        let report = try await history.report(.week(2))
        let rendered = try ReportRendering.render(report, as: format, programme: history.programme)
        let path = Fixtures.path("golden/report-week-2.\([.text: "txt", .csvExcel: "excel.csv"][format] ?? format.rawValue)")
        if ProcessInfo.processInfo.environment["STREAMREACH_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try rendered.write(toFile: path, atomically: true, encoding: .utf8)
        }
        // Decoded by hand: String(contentsOfFile:) drops a byte-order mark, which csv-excel has on purpose.
        let golden = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(rendered == golden, "differs from \(path); re-record with STREAMREACH_RECORD_GOLDEN=1 if the change is intended")
    }

    /// Two runs of `streamreach report` on the same database print the same bytes, in every
    /// format, from either store. Two processes, because each has its own hash seed: a
    /// dictionary walked in its own order would pass a test that renders twice in one process.
    @Test(arguments: StoreUnderTest.allCases)
    func theSameDatabaseGivesByteIdenticalOutputAcrossProcesses(_ kind: StoreUnderTest) async throws {
        let (store, remove) = try await kind.make()
        defer { Task { await remove() } }
        let history = try await History.standard(store: store)
        let programme = try ScratchFolder.file(history.programmeText, suffix: ".yaml")
        defer { try? FileManager.default.removeItem(atPath: programme) }
        for format in ReportFormat.allCases {
            let arguments = ["report", programme, "--db", store.location, "--format", format.rawValue] + (format.showsAPeriod ? ["--all"] : [])
            let first = try await CLIRunner.run(arguments)
            let second = try await CLIRunner.run(arguments)
            #expect(first.status == 0, "\(format): \(first.stderr)")
            #expect(!first.stdout.isEmpty)
            #expect(first.stdout == second.stdout, "\(format) differs between two processes")
            if format.showsAPeriod {
                let inProcess = try ReportRendering.render(try await history.report(.all), as: format, programme: history.programme)
                #expect(first.stdout == inProcess, "\(format): the command prints what the library renders")
            }
        }
    }

    /// The same history in SQLite and in PostgreSQL gives the same bytes in every format and
    /// for every week, through the command line: the stores are interchangeable.
    @Test func sqliteAndPostgresGiveByteIdenticalReports() async throws {
        let (sqlite, removeSQLite) = try await StoreUnderTest.sqlite.make()
        let (postgres, removePostgres) = try await StoreUnderTest.postgres.make()
        defer { Task { await removeSQLite(); await removePostgres() } }
        let inSQLite = try await History.standard(store: sqlite)
        _ = try await History.standard(store: postgres)
        let programme = try ScratchFolder.file(inSQLite.programmeText, suffix: ".yaml")
        defer { try? FileManager.default.removeItem(atPath: programme) }
        var compared = 0
        for format in ReportFormat.allCases {
            let periods: [[String]] = format.showsAPeriod ? [["--all"], ["--week", "1"], ["--week", "2"], ["--week", "3"], []] : [[]]
            for period in periods {
                let arguments = ["report", programme, "--format", format.rawValue] + period
                let fromSQLite = try await CLIRunner.run(arguments + ["--db", sqlite.location])
                let fromPostgres = try await CLIRunner.run(arguments + ["--db", postgres.location])
                #expect(fromSQLite.status == 0 && fromPostgres.status == 0, "\(arguments): \(fromSQLite.stderr) \(fromPostgres.stderr)")
                #expect(!fromSQLite.stdout.isEmpty)
                #expect(fromSQLite.stdout == fromPostgres.stdout, "\(arguments) differs between SQLite and PostgreSQL")
                compared += 1
            }
        }
        #expect(compared >= ReportFormat.allCases.count)
        // The runs list too (same ids: both stores were filled the same way).
        let runsSQLite = try await CLIRunner.run(["runs", "--db", sqlite.location, "--format", "json"])
        let runsPostgres = try await CLIRunner.run(["runs", "--db", postgres.location, "--format", "json"])
        #expect(runsSQLite.stdout == runsPostgres.stdout)
    }

    static let script = "<script>alert(1)</script>"
    static let formula = "=HYPERLINK(\"http://evil.example\",\"click\")"

    private func hostile() async throws -> (ReachReport, Programme) {
        let history = try await History.standard(titles: ["a": Self.script, "b": Self.formula], performers: ["a": Self.script])
        return (try await history.report(.week(2)), history.programme)
    }

    @Test func htmlEscapesEveryName() async throws {
        let (report, programme) = try await hostile()
        let html = try ReportRendering.render(report, as: .html, programme: programme)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)"))
    }

    @Test func htmlIsSelfContained() async throws {
        let (report, programme) = try await hostile()
        let html = try ReportRendering.render(report, as: .html, programme: programme)
        #expect(html.contains("<svg"))
        #expect(html.contains("<style>"))
        for forbidden in ["<script", "<link", "<img", "src=", "@import", "url("] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        // The only URL is the SVG namespace, and the hostile title's text (escaped).
        let urls = html.components(separatedBy: "http").count - 1
        #expect(urls == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1 + html.components(separatedBy: "http://evil.example").count - 1)
    }

    @Test func csvNeutralisesFormulasAndQuotesCells() async throws {
        let (report, programme) = try await hostile()
        let csv = try ReportRendering.render(report, as: .csv, programme: programme)
        #expect(csv.contains("\r\n"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""))
        for line in csv.split(separator: "\r\n") {
            for prefix in [",=", ",+", ",@", "\"="] { #expect(!line.contains(prefix), "\(line)") }
        }
        #expect(csv.hasPrefix("type,event,title,kind,channel,views,gained,date,source,peak_viewers,peak_at,average_viewers,viewer_minutes,gaps,amount,currency\r\n"))
    }

    @Test func markdownEscapesHTMLAndTableSyntax() async throws {
        let (report, programme) = try await hostile()
        let markdown = try ReportRendering.render(report, as: .md, programme: programme)
        #expect(!markdown.contains("<script"))
        #expect(markdown.contains("&lt;script&gt;alert\\(1\\)") || markdown.contains("&lt;script&gt;alert(1)"))
        #expect(MarkdownReportRenderer.escape("a|b") == "a\\|b")
    }

    @Test func jsonHasTheDocumentedShape() async throws {
        let history = try await History.standard()
        let json = try ReportRendering.render(try await history.report(.week(2)), as: .json, programme: history.programme)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["programme", "period", "counts", "headline", "pacing", "byChannel", "byKind", "topEvents",
                                     "movers", "series", "handEntered", "handEnteredByChannel", "quality", "methodology"])
        #expect(object["counts"] as? String == "views")
        let headline = try #require(object["headline"] as? [String: Any])
        #expect(headline["total"] as? Int == 745)
        // Decoding it back gives the same report.
        #expect(try JSONDecoder.iso8601.decode(ReachReport.self, from: Data(json.utf8)) == (try await history.report(.week(2))))
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// `csv-excel` opens as columns, umlauts intact, in a spreadsheet set to German; `csv`
    /// stays plain RFC 4180. Read back as those programs read them (Python's csv module).
    @Test func theSpreadsheetCSVKeepsColumnsAndUmlauts() async throws {
        let history = try await History.standard(titles: ["a": "Günter Werno; Klavier", "b": "Öl auf Leinwand"])
        let report = try await history.report(.week(2))
        let excel = try ReportRendering.render(report, as: .csvExcel, programme: history.programme)
        let plain = try ReportRendering.render(report, as: .csv, programme: history.programme)
        #expect(excel.hasPrefix("\u{FEFF}type;event;title;"))
        #expect(!plain.hasPrefix("\u{FEFF}") && plain.hasPrefix("type,event,title,"))
        let excelFile = try ScratchFolder.file(excel, suffix: ".csv")
        let plainFile = try ScratchFolder.file(plain, suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: excelFile); try? FileManager.default.removeItem(atPath: plainFile) }
        let script = """
            import csv, sys
            for path, encoding, delimiter in ((sys.argv[1], "utf-8-sig", ";"), (sys.argv[2], "utf-8", ",")):
                rows = list(csv.reader(open(path, encoding=encoding, newline=""), delimiter=delimiter))
                assert all(len(r) == 16 for r in rows), [len(r) for r in rows]
                assert rows[0][0] == "type", rows[0]
                titles = {r[2] for r in rows[1:]}
                assert "Günter Werno; Klavier" in titles and "Öl auf Leinwand" in titles, titles
            print("ok")
            """
        let result = try await PythonValidator.run(script: script, arguments: [excelFile, plainFile])
        #expect(result.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(result)")
    }
}
