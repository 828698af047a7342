/// Terminal text for the planning commands: aligned, one line per item, no colour codes
/// (so it pipes cleanly into files and mail).
package enum PlanTextRenderer {
    package static func findings(_ findings: [Finding], file: String) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.count - errors
        var lines = findings.map(\.description)
        lines.append(findings.isEmpty
            ? "\(file): no problems found"
            : "\(file): \(plural(errors, "error")), \(plural(warnings, "warning"))")
        return lines.joined(separator: "\n")
    }

    package static func weeks(_ view: ProgrammeWeekView) -> String {
        let series = view.series
        var lines = ["\(series.title)\(series.venue.map { " · \($0)" } ?? "") · times in \(series.timeZone)"]
        for week in view.weeks {
            lines.append("")
            lines.append("Week \(week.week) · \(dayLabel(week.from)) – \(dayLabel(week.to)) · \(plural(week.events.count, "event"))")
            var currentDate: LocalDate?
            for item in week.events {
                if item.date != currentDate {
                    lines.append("  \(dayLabel(item.date))")
                    currentDate = item.date
                }
                let kind = item.genre.map { "\(item.kind) (\($0))" } ?? item.kind
                let performers = item.performers.isEmpty || item.title == item.performers.joined(separator: " & ") ? "" : " — \(item.performers.joined(separator: ", "))"
                lines.append("    \(item.start)–\(item.end)  \(item.title)\(performers)")
                lines.append("                 \(kind) · \(item.stage) · \(item.channels.joined(separator: ", "))")
            }
        }
        return lines.joined(separator: "\n")
    }

    package static func freeSlots(_ slots: [FreeSlot], week: Int, durationMinutes: Int) -> String {
        guard !slots.isEmpty else {
            return "No free \(DurationText.text(minutes: durationMinutes)) slot in week \(week)."
        }
        var lines = ["Free \(DurationText.text(minutes: durationMinutes)) slots in week \(week):"]
        for slot in slots {
            lines.append("  \(dayLabel(slot.date))  \(slot.start)–\(slot.end)  \(slot.stage)")
        }
        return lines.joined(separator: "\n")
    }

    static func dayLabel(_ date: LocalDate) -> String { "\(date.weekday.shortName) \(date.iso)" }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
