import ArgumentParser
import Foundation
import StreamReachBoard
import StreamReachDemo
import StreamReachKit
import Synchronization

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the nightly job end to end against simulated platforms, then report.",
        discussion: """
            Starts a simulated YouTube/Facebook/PeerTube API on 127.0.0.1, collects every night \
            of the programme through the real libcurl collector into a fresh database (with a \
            correction, an outage night and a missed night), adds hand-entered Offene Kanal \
            figures, and prints the report of the week the target was passed.

            With --serve, the board (`streamreach serve`) runs on 127.0.0.1 from the first \
            night on, the live evening plays at 60× real time so its audience can be watched on \
            /live, and the board stays up after the report until Ctrl-C.

            With --network and --db, runs three venues' nightly jobs in parallel against one \
            store (`make demo-network` starts a throwaway PostgreSQL for it) and prints the \
            network report.
            """
    )

    @Flag(help: "Three venues at once into the store given with --db, then the network report.")
    var network = false

    @Option(name: .customLong("db"), help: ArgumentHelp("With --network: the shared store (a PostgreSQL URL or a SQLite file).",
                                                        valueName: "path-or-url"))
    var database: String?

    @Option(help: ArgumentHelp("The programme to simulate (default: the built-in spring 2020 Fruchthalle series).", valueName: "path"),
            completion: .file(extensions: ["yaml", "yml"]))
    var programme: String?

    @Option(help: ArgumentHelp("Folder for the demo database and HTML report (replaced each run).", valueName: "path"))
    var output = "out/demo"

    @Flag(help: "Serve the demo's board on 127.0.0.1 while it runs, and leave it running.")
    var serve = false

    @Option(help: ArgumentHelp("With --serve: the loopback address and port of the board.", valueName: "address"))
    var bind = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("With --serve: how many times real time the live evening plays.", valueName: "factor"))
    var speed = 60.0

    func validate() throws {
        if serve && network { throw ValidationError("--serve shows the single-venue demo; leave out --network") }
        if serve, BoardBind(bind)?.isLoopback != true {
            throw ValidationError("--bind must be a loopback address such as 127.0.0.1:8080: the demo's board is for this machine")
        }
        if !(1...3600).contains(speed) { throw ValidationError("--speed must be between 1 and 3600") }
        if network && database == nil { throw ValidationError("--network needs --db: the store the venues share") }
        if !network && database != nil { throw ValidationError("--db goes with --network; the single-venue demo writes to --output") }
    }

    func run() async throws {
        if let database, network {
            let result = try await DemoNetworkRun(database: database).run { line in print(line) }
            print("")
            print(result.reportText, terminator: "")
            print("")
            print("Stored \(result.runs) nightly runs of \(result.venues) venues in \(StoreLocation.display(database)).")
            return
        }
        var demo = DemoRun(programmePath: programme, outputFolder: output)
        let board = Mutex<Task<Void, any Error>?>(nil)
        if serve {
            var settings = BoardSettings()
            settings.bind = BoardBind(bind)!
            demo.serving = DemoRun.Serving(speed: speed) { [settings] programme, store, clock in
                let task = try await Self.startBoard(programme, store: store, clock: clock, settings: settings)
                board.withLock { $0 = task }
            }
        }
        // With --serve a person watches the board and this output together: each line as it
        // comes, even into a pipe (fflush(nil): every stream, without naming stdout).
        let result = try await demo.run { line in
            print(line)
            fflush(nil)
        }
        print("")
        print(result.reportText, terminator: "")
        print("")
        print("Stored \(result.runs) nightly runs in \(result.databasePath).")
        print("HTML report of week \(result.week): \(result.htmlPath)")
        if let programme {
            print("Try: streamreach report \(programme) --db \(result.databasePath) --all --format md")
        } else {
            print("Try (in the repository): streamreach report Schedules/fruchthalle-2020.yaml --db \(result.databasePath) --all --format md")
        }
        if let board = board.withLock({ $0 }) {
            print("The board stays up at http://\(bind)/ (every weekly report under Reports); Ctrl-C stops it.")
            try await board.value
        }
    }

    /// The board on the demo's store, in the background, once it listens; the demo goes on
    /// collecting.
    private static func startBoard(_ programme: Programme, store: any ReachStore, clock: any WallClock,
                                   settings: BoardSettings) async throws -> Task<Void, any Error> {
        var server = BoardServer(programmes: [programme], store: store, settings: settings, logger: Terminal.logger(verbose: false))
        server.clock = clock
        let (listening, ready) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { ready.finish() }
            try await server.run { port, _ in
                print("Board: http://\(settings.bind.host):\(port)/ (live figures on /live)")
                ready.yield(port)
            }
        }
        for await _ in listening { return task }
        // It stopped before it listened (the port is taken): its error says why.
        try await task.value
        return task
    }
}
