import ArgumentParser
import Foundation
import StreamReachKit

struct PlanExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Publish the programme as a calendar feed, schedule JSON or a web page.",
        discussion: """
            ics: RFC 5545 calendar (stable UIDs, so re-imports update events). \
            schedule-json: the c3voc/frab schedule.json that conference apps read. \
            html: a self-contained programme page.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ics
        case scheduleJSON = "schedule-json"
        case scheduleXML = "schedule-xml"
        case html
    }

    @Argument(help: "The programme file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "ics, schedule-json, schedule-xml (frab) or html.")
    var format: Format

    @Option(help: "Only this programme week.")
    var week: Int?

    @Option(help: "Only events on this stage.")
    var stage: String?

    @Option(help: "Only events carried by this channel.")
    var channel: String?

    @Option(help: "Only events with this performer.")
    var performer: String?

    @Option(help: ArgumentHelp("The calendar's DTSTAMP (ISO 8601); default now. Fix it for reproducible files.", valueName: "time"))
    var stamp: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "path"),
            completion: .file())
    var output: String?

    @Option(help: ArgumentHelp("ics: the calendar published before (default: the -o file), so changed events get a higher SEQUENCE.",
                               valueName: "path"), completion: .file(extensions: ["ics"]))
    var previous: String?

    func validate() throws {
        if let stamp { _ = try parseInstant(stamp) }
    }

    func run() async throws {
        let programme = try loadProgramme(file)
        if let week { try programme.check(week: week) }
        if let stage { try programme.check(.stage, stage) }
        if let channel { try programme.check(.channel, channel) }
        let filter = ProgrammeFilter(week: week, stage: stage, channel: channel, performer: performer)
        let text: String
        switch format {
        case .ics:
            // The feed published before (--previous, else the -o file being replaced) keeps
            // SEQUENCE and LAST-MODIFIED of unchanged events and raises them for changed ones.
            let published = (previous ?? output).map(PublishedCalendar.init(path:)) ?? PublishedCalendar()
            text = ICalendarExporter(programme: programme, stamp: try stamp.map(parseInstant) ?? Date(), previous: published).export(filter)
        case .scheduleJSON: text = try ScheduleJSONExporter(programme: programme).export(filter)
        case .scheduleXML: text = try ScheduleXMLExporter(programme: programme).export(filter)
        case .html: text = ProgrammePageExporter(programme: programme).export(filter)
        }
        try writeOutput(text, to: output)
    }
}

/// Standard output, or a file written atomically (exit 73 if it cannot be created).
func writeOutput(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    try AtomicFile.write(text, to: path)
}
