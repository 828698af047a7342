import Foundation
import Logging
import NIOCore
import StreamReachKit
import Synchronization

/// What the board serves, and the cache in front of it.
///
/// A page is rendered once and served from memory until the store changes (a new run, a
/// live sample, a hand-entered figure): the store's change mark, polled a few times a
/// second by ``watch()``, says when. Pages that also depend on the time (`/live`,
/// `/metrics`) are rendered again at most every few seconds. Nothing here writes.
final class BoardSite: Sendable {
    enum Page: Hashable, Sendable {
        case overview
        case live
        case metrics
        case programme(String)
        case reports(String)
        case week(String, Int)
        case all(String)
        case feed(String, Feed)

        var path: String {
            switch self {
            case .overview: "/"
            case .live: "/live"
            case .metrics: "/metrics"
            case .programme(let id): "/p/\(id)"
            case .reports(let id): "/p/\(id)/reports"
            case .week(let id, let week): "/p/\(id)/week/\(week)"
            case .all(let id): "/p/\(id)/all"
            case .feed(let id, let feed): "/p/\(id)/\(feed.rawValue)"
            }
        }

        /// Pages that show "now" are rendered again after this many seconds even when the
        /// store did not change.
        var timeBucket: TimeInterval? {
            switch self {
            case .live, .metrics: 5
            default: nil
            }
        }
    }

    enum Feed: String, Sendable, CaseIterable {
        case calendar = "calendar.ics"
        case scheduleJSON = "schedule.json"
        case scheduleXML = "schedule.xml"

        var contentType: String {
            switch self {
            case .calendar: "text/calendar; charset=utf-8"
            case .scheduleJSON: "application/json; charset=utf-8"
            case .scheduleXML: "application/xml; charset=utf-8"
            }
        }
    }

    /// A rendered page, as it is sent: the body and its headers made once, not per request.
    struct Rendered: Sendable {
        let status: Int
        let contentType: String
        let body: ByteBuffer
        let etag: String
        let lastModified: Date
        /// `lastModified` as the header says it.
        let lastModifiedText: String
        /// The store's mark and the time bucket it was rendered for.
        let mark: String
        let bucket: Int
    }

    let programmes: [Programme]
    private let byID: [String: Programme]
    let store: any ReachStore
    let clock: any WallClock
    let settings: BoardSettings
    let broadcaster: LiveBroadcaster
    let logger: Logger
    private let feeds: [String: [Feed: String]]
    private let cache = Mutex<[Page: Rendered]>([:])
    private let mark = Mutex("")
    private let lastLive = Mutex("")

    init(programmes: [Programme], store: any ReachStore, clock: any WallClock, settings: BoardSettings, logger: Logger) throws {
        self.programmes = programmes
        byID = Dictionary(programmes.map { ($0.series.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.store = store
        self.clock = clock
        self.settings = settings
        self.logger = logger
        broadcaster = LiveBroadcaster(limit: settings.maxLiveClients)
        // The feeds follow from the programme files alone: made once. The calendar's stamp
        // is the start of serving, so a subscribed calendar sees one version per start.
        let stamp = Date()
        var feeds: [String: [Feed: String]] = [:]
        for programme in programmes {
            feeds[programme.series.id] = [
                .calendar: ICalendarExporter(programme: programme, stamp: stamp).export(),
                .scheduleJSON: try ScheduleJSONExporter(programme: programme).export(),
                .scheduleXML: try ScheduleXMLExporter(programme: programme).export(),
            ]
        }
        self.feeds = feeds
    }

    func programme(_ id: String) -> Programme? { byID[id] }

    // MARK: Serving

    /// The page from the cache, or rendered now when the store changed since.
    func rendered(_ page: Page) async -> Rendered {
        let mark = mark.withLock { $0 }
        let bucket = page.timeBucket.map { Int(clock.now().timeIntervalSince1970 / $0) } ?? 0
        let cached = cache.withLock { $0[page] }
        if let cached, cached.mark == mark, cached.bucket == bucket { return cached }
        let (status, type, text) = await render(page)
        let body = ByteBuffer(string: text)
        let etag = Self.etag(text)
        // Last-Modified moves only when the content did: a run that changed nothing on this
        // page keeps the browser's copy valid.
        let modified = cached.flatMap { $0.etag == etag ? $0.lastModified : nil } ?? Date()
        let fresh = Rendered(status: status, contentType: type, body: body, etag: etag, lastModified: modified,
                             lastModifiedText: HTTPDate.format(modified), mark: mark, bucket: bucket)
        if status == 200 { cache.withLock { $0[page] = fresh } }
        return fresh
    }

    private func render(_ page: Page) async -> (status: Int, contentType: String, text: String) {
        let html = "text/html; charset=utf-8"
        let navigation = BoardPages.navigation(programmes, here: page.path)
        do {
            switch page {
            case .overview:
                return (200, html, BoardPages.overview(try await standings(), navigation: navigation))
            case .live:
                let board = try await liveBoard()
                return (200, html, LivePage.page(board, timeZone: timeZone, navigation: navigation, refreshSeconds: settings.refreshSeconds))
            case .metrics:
                var snapshots: [MetricsSnapshot] = []
                for programme in programmes { snapshots.append(try await MetricsSnapshot.read(programme, from: store, now: clock.now())) }
                return (200, "text/plain; version=0.0.4; charset=utf-8", PrometheusExporter.render(snapshots))
            case .programme(let id):
                guard let programme = byID[id] else { return notFound(navigation) }
                let links = Feed.allCases.map { "<a href=\"/p/\(DisplayText.html(id))/\($0.rawValue)\">\($0.linkTitle)</a>" }
                let nav = navigation + "\n<nav class=\"board\" aria-label=\"Feeds\">Subscribe: " + links.joined(separator: " ") + "</nav>"
                return (200, html, ProgrammePageExporter(programme: programme).export(frame: BoardPages.frame(stylesheet: "programme.css", navigation: nav)))
            case .reports(let id):
                guard let programme = byID[id] else { return notFound(navigation) }
                return (200, html, BoardPages.reportIndex(programme, weeks: try await reportableWeeks(programme), navigation: navigation))
            case .week(let id, let week):
                guard let programme = byID[id] else { return notFound(navigation) }
                return try await report(programme, .week(week), navigation: navigation)
            case .all(let id):
                guard let programme = byID[id] else { return notFound(navigation) }
                return try await report(programme, .all, navigation: navigation)
            case .feed(let id, let feed):
                guard let text = feeds[id]?[feed] else { return notFound(navigation) }
                return (200, feed.contentType, text)
            }
        } catch let error as ReportError {
            return (404, html, BoardPages.message("No such report", error.localizedDescription, navigation: navigation))
        } catch {
            logger.error("could not read the store", metadata: ["page": "\(page.path)", "error": "\(error.localizedDescription)"])
            return (503, html, BoardPages.message("The store cannot be read now",
                                                  "\(error.localizedDescription). The page will be back when the store is.", navigation: navigation))
        }
    }

    private func notFound(_ navigation: String) -> (Int, String, String) {
        (404, "text/html; charset=utf-8", BoardPages.message("Not found", "There is no such page on this board.", navigation: navigation))
    }

    private func report(_ programme: Programme, _ period: ReportPeriod, navigation: String) async throws -> (Int, String, String) {
        let report = try await ReachReportBuilder(programme: programme).build(period, from: store)
        let page = HTMLReportRenderer.render(ReportDocument(report), frame: BoardPages.frame(stylesheet: "report.css", navigation: navigation))
        return (200, "text/html; charset=utf-8", page)
    }

    private func standings() async throws -> [BoardPages.Standing] {
        var standings: [BoardPages.Standing] = []
        for programme in programmes {
            // The standing to date (the whole series so far). Its pacing runs to the latest
            // complete week, the one the link to a weekly report names.
            let all = try await ReachReportBuilder(programme: programme).build(.all, from: store)
            let report = all.quality.runs > 0 ? all : nil
            let latestWeek = report?.pacing.weeks.last?.week
            let id = programme.series.id
            let lastSuccess = try await store.read { try await $0.lastSuccessfulRunStart(programme: id) }
            standings.append(BoardPages.Standing(programme: programme, report: report, latestWeek: latestWeek, lastSuccess: lastSuccess))
        }
        return standings
    }

    /// The weeks a report can be asked for, by the report builder's own rule.
    private func reportableWeeks(_ programme: Programme) async throws -> ClosedRange<Int> {
        let id = programme.series.id
        let lastRunDay = try await store.read { try await $0.runDays(programme: id).last?.day }
        return ReachReportBuilder(programme: programme).reportableWeeks(lastRunDay: lastRunDay)
    }

    /// The time zone the live page tells the time in: the first programme's.
    private var timeZone: String { programmes.first?.series.timeZone ?? "UTC" }

    func liveBoard() async throws -> LiveBoard {
        var inputs: [(programme: Programme, samples: [AudienceSample])] = []
        for programme in programmes {
            let id = programme.series.id
            inputs.append((programme, try await store.read { try await $0.audience(programme: id) }))
        }
        return LiveBoard.build(inputs, now: clock.now())
    }

    // MARK: Watching the store

    /// Asks the store whether anything changed; when it did (or `force`), renders the live
    /// figures and sends them to every `/live` client if they differ from the last sent.
    func checkStore(force: Bool = false) async {
        let current: String
        do {
            current = try await store.changeMark(programmes: programmes.map(\.series.id))
        } catch {
            logger.warning("could not ask the store for changes", metadata: ["error": "\(error.localizedDescription)"])
            return
        }
        let changed = mark.withLock { mark in
            defer { mark = current }
            return mark != current
        }
        guard changed || force else { return }
        do {
            let fragment = LivePage.fragment(try await liveBoard(), timeZone: timeZone)
            let isNew = lastLive.withLock { last in
                defer { last = fragment }
                return last != fragment
            }
            if isNew { broadcaster.publish(ByteBuffer(string: LivePage.event("live", fragment))) }
        } catch {
            logger.warning("could not read the live figures", metadata: ["error": "\(error.localizedDescription)"])
        }
    }

    /// Polls the store until cancelled; every few seconds the live figures are rendered
    /// again (time passes: streams start and end), and a comment keeps idle streams open.
    func watch() async {
        var lastTick = ContinuousClock.now, lastBeat = ContinuousClock.now
        while !Task.isCancelled {
            let now = ContinuousClock.now
            let tick = now - lastTick >= .seconds(5)
            if tick { lastTick = now }
            await checkStore(force: tick)
            if now - lastBeat >= settings.heartbeat {
                lastBeat = now
                broadcaster.send(ByteBuffer(string: ": still here\n\n"))
            }
            try? await Task.sleep(for: settings.watchInterval)
        }
    }

    /// A strong validator of the page's bytes (FNV-1a, 64 bits): equal pages, equal tags.
    static func etag(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return "\"" + String(hash, radix: 16) + "\""
    }
}

extension BoardSite.Feed {
    var linkTitle: String {
        switch self {
        case .calendar: "Calendar (iCalendar)"
        case .scheduleJSON: "Schedule JSON"
        case .scheduleXML: "Schedule XML"
        }
    }
}
