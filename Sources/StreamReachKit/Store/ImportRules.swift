import Foundation

/// What the imports of both stores share (`SQLiteImport`, `PostgresImport`), so an import
/// means the same wherever it is stored: the stream id a new series takes, the local day a
/// time belongs to, and the two ways a file is refused.
enum ImportRules {
    /// The programme's stream ids by series (``seriesKey(_:_:)``): a series first seen in an
    /// import takes the programme's current stream id.
    static func streamIDs(_ programme: Programme) -> [String: String] {
        Dictionary(programme.events.flatMap { event in event.streams.map { (seriesKey(event.id, $0.key), $0.value) } },
                   uniquingKeysWith: { first, _ in first })
    }

    static func seriesKey(_ event: String, _ channel: String) -> String { event + "\u{0}" + channel }

    /// `line` is the file's line of the row (the header is line 1).
    static func outOfOrder(line: Int) -> SnapshotImportError {
        SnapshotImportError(line: line, message: "rows must be in ascending time order")
    }

    /// Nil when the stored row is the same (the row is skipped), else the refusal.
    static func conflict(_ row: SnapshotRow, line: Int, storedValue: Int64?, storedOutcome: String) -> SnapshotImportError? {
        guard storedValue != row.value || storedOutcome != (row.value == nil ? "absent" : "ok") else { return nil }
        let time = InternetTime.string(from: Date(timeIntervalSince1970: Double(row.observedAt)))
        return SnapshotImportError(line: line, message: """
            \(row.event)/\(row.channel) at \(time) is stored already with \(storedValue.map(String.init) ?? storedOutcome), \
            not \(row.value.map(String.init) ?? "absent"); nothing was imported (remove the line, or the stored run, and import again)
            """)
    }
}

/// The programme-local day (days since 1970-01-01) of Unix times that come in ascending
/// order: the day's bounds are kept, so a time inside them costs a comparison, not a
/// time-zone conversion.
struct LocalDayOfTime {
    private let zone: TimeZoneConverter
    private var range: Range<Int64> = 0..<0
    private var number = 0

    init(timeZone: String) {
        zone = TimeZoneConverter(identifier: timeZone)
    }

    mutating func day(of time: Int64) -> Int {
        if !range.contains(time) {
            let local = zone.local(Date(timeIntervalSince1970: Double(time)))
            number = local.date.dayNumber
            let start = Int64(zone.instant(LocalDateTime(date: local.date, time: LocalTime(minutes: 0))).timeIntervalSince1970)
            let end = Int64(zone.instant(LocalDateTime(date: local.date.adding(days: 1), time: LocalTime(minutes: 0))).timeIntervalSince1970)
            range = start..<max(end, start + 1)
        }
        return number
    }
}
