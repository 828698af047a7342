import Foundation

/// A VTIMEZONE for the programme's zone, listing the real transitions around the events
/// (one STANDARD or DAYLIGHT block per transition, no RRULE), as Foundation's zone data
/// knows them. Calendar apps then show the events at the right time wherever they are.
enum VTimeZoneBuilder {
    static func lines(zone identifier: String, from: Date, to: Date) -> [String] {
        guard let zone = TimeZone(identifier: identifier) else { return [] }
        var transitions: [Date] = []
        // Start a year early, so the block in force at the first event is included.
        var cursor = from.addingTimeInterval(-366 * 86400)
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= to {
            transitions.append(next)
            cursor = next
        }
        if let firstInForce = transitions.lastIndex(where: { $0 <= from }) {
            transitions.removeFirst(firstInForce)
        }
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(identifier)"]
        if transitions.isEmpty {
            let offset = zone.secondsFromGMT(for: from)
            lines += observance("STANDARD", start: "19700101T000000", from: offset, to: offset, name: zone.abbreviation(for: from))
        }
        for transition in transitions {
            let before = zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
            let after = zone.secondsFromGMT(for: transition)
            let kind = zone.isDaylightSavingTime(for: transition) ? "DAYLIGHT" : "STANDARD"
            lines += observance(kind, start: ICalendarExporter.localStamp(transition.addingTimeInterval(Double(before))),
                                from: before, to: after, name: zone.abbreviation(for: transition))
        }
        return lines + ["END:VTIMEZONE"]
    }

    private static func observance(_ kind: String, start: String, from: Int, to: Int, name: String?) -> [String] {
        ["BEGIN:\(kind)", "DTSTART:\(start)", "TZOFFSETFROM:\(offset(from))", "TZOFFSETTO:\(offset(to))"]
            + (name.flatMap { $0.hasPrefix("GMT") ? nil : ["TZNAME:\($0)"] } ?? []) + ["END:\(kind)"]
    }

    /// `+0100`, `-0330`.
    private static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return "\(sign)\(pad(minutes / 60, 2))\(pad(minutes % 60, 2))"
    }
}
