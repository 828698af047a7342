import Foundation

extension SVGChart {
    /// Colours of the platforms stacked in an audience chart, in programme channel order.
    static let platformColours = ["#3a7bd5", "#2f9e77", "#e67e22", "#8e44ad", "#c0392b", "#16a085"]

    /// People watching one event live: each platform's readings stacked on the ones before,
    /// over local time. A silence longer than ``LiveAudienceStats/maxGap`` is drawn as a grey
    /// band with nothing in it, never bridged: the same rule the figures follow.
    static func audience(_ report: ReachReport, event id: String, _ frame: Frame) -> String {
        guard let event = report.live?.events.first(where: { $0.event == id }),
              let start = event.streams.compactMap(\.curve.first?.at).min(),
              let end = event.streams.compactMap(\.curve.last?.at).max() else { return "" }
        let instants = Array(Set(event.streams.flatMap { $0.curve.map(\.at) })).sorted()
        // Each stream's reading held at every instant of the event (nil in a gap or after its last).
        let held = event.streams.map { heldReadings($0.curve, at: instants) }
        var stacks: [[Int64?]] = [], bases: [[Int64]] = []
        var below = Array(repeating: Int64(0), count: instants.count)
        for values in held {
            bases.append(below)
            stacks.append(zip(below, values).map { base, value in value.map { base + $0 } })
            below = zip(below, values).map { $0 + ($1 ?? 0) }
        }
        let scale = Scale(low: 0, high: max(1, below.max() ?? 1))
        let span = max(1, end.timeIntervalSince(start))
        func x(_ instant: Date) -> Double { Double(frame.left) + frame.plotWidth * instant.timeIntervalSince(start) / span }
        func y(_ value: Int64) -> Double { Double(frame.top) + frame.plotHeight * (1 - scale.fraction(value)) }

        var svg = open("People watching \(event.title) live", frame)
        svg += axes(scale, y: y, frame, xTitle: "local time", yTitle: "people watching")
        let zone = TimeZoneConverter(identifier: report.programme.timeZone)
        for instant in [start, start.addingTimeInterval(span / 2), end] {
            svg += "<text x=\"\(fixed(x(instant)))\" y=\"\(frame.height - 30)\" text-anchor=\"middle\">\(zone.local(instant).time)</text>\n"
        }
        for (index, stream) in event.streams.enumerated() {
            let colour = platformColours[index % platformColours.count]
            // One polygon per unbroken run of readings: a gap ends the shape.
            for run in runs(of: stacks[index]) where run.count > 0 {
                let upper = run.map { "\(fixed(x(instants[$0]))),\(fixed(y(stacks[index][$0]!)))" }
                let base = run.reversed().map { "\(fixed(x(instants[$0]))),\(fixed(y(bases[index][$0])))" }
                svg += "<polygon fill=\"\(colour)\" fill-opacity=\"0.75\" stroke=\"\(colour)\" points=\"\((upper + base).joined(separator: " "))\"><title>\(DisplayText.html(stream.channel)): peak \(DisplayText.number(stream.figures.peak))</title></polygon>\n"
            }
            for gap in stream.figures.gaps {
                svg += "<rect x=\"\(fixed(x(gap.from)))\" y=\"\(frame.top)\" width=\"\(fixed(max(0.5, x(gap.until) - x(gap.from))))\" height=\"\(fixed(frame.plotHeight))\" fill=\"#9aa5b5\" fill-opacity=\"0.25\"><title>\(DisplayText.html(stream.channel)): no readings</title></rect>\n"
            }
        }
        // The legend: one swatch and name per platform, left to right along the top.
        var legendX = Double(frame.left) + 110
        for (index, stream) in event.streams.enumerated() {
            svg += "<rect x=\"\(fixed(legendX))\" y=\"\(frame.top - 20)\" width=\"10\" height=\"10\" fill=\"\(platformColours[index % platformColours.count])\"/>"
            svg += "<text x=\"\(fixed(legendX + 14))\" y=\"\(frame.top - 11)\">\(DisplayText.html(stream.channel))</text>\n"
            legendX += 24 + 7 * Double(stream.channel.count)
        }
        return svg + "</svg>\n"
    }

    /// The reading in force at each of `instants` (ascending): the latest one at or before
    /// it, if the next comes within the gap limit (the last reading holds only at its own
    /// instant). One walk along both lists.
    private static func heldReadings(_ curve: [ReachReport.LivePoint], at instants: [Date]) -> [Int64?] {
        var index = -1
        return instants.map { instant in
            while index + 1 < curve.count, curve[index + 1].at <= instant { index += 1 }
            guard index >= 0 else { return nil }
            if curve[index].at == instant { return curve[index].viewers }
            guard index + 1 < curve.count, curve[index + 1].at.timeIntervalSince(curve[index].at) <= LiveAudienceStats.maxGap else { return nil }
            return curve[index].viewers
        }
    }

    /// Index runs where the values are present.
    private static func runs(of values: [Int64?]) -> [[Int]] {
        var runs: [[Int]] = [[]]
        for (index, value) in values.enumerated() {
            if value == nil { if !runs[runs.count - 1].isEmpty { runs.append([]) } } else { runs[runs.count - 1].append(index) }
        }
        return runs
    }
}
