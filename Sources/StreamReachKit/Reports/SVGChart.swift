/// Hand-drawn SVG for the charts of the HTML report. No chart library exists among the
/// packages here, and the charts are simple enough that a few lines draw them.
///
/// Each chart is drawn twice: wide for a desktop, narrow for a phone (the page shows one by
/// a CSS media query, no script), so its text is drawn at about the size it is shown and
/// stays legible (11 px and more) on a 390 px screen instead of being scaled down to 5 px.
enum SVGChart {
    /// The drawing area of one variant, in SVG units (shown at about that many pixels).
    struct Frame: Sendable {
        let width: Int
        let height: Int
        let left: Int
        let right: Int
        let top: Int
        let bottom: Int
        /// Above this many weeks every fourth is labelled, above half of it every second.
        let crowdedWeeks: Int
        let cssClass: String

        func labelEvery(_ weeks: Int) -> Int { weeks > crowdedWeeks ? 4 : weeks > crowdedWeeks / 2 ? 2 : 1 }

        var plotWidth: Double { Double(width - left - right) }
        var plotHeight: Double { Double(height - top - bottom) }

        static let wide = Frame(width: 720, height: 280, left: 84, right: 24, top: 24, bottom: 52,
                                crowdedWeeks: 26, cssClass: "wide")
        static let narrow = Frame(width: 360, height: 260, left: 64, right: 14, top: 24, bottom: 52,
                                  crowdedWeeks: 16, cssClass: "narrow")
    }

    static func caption(_ chart: ReportDocument.Chart) -> String {
        switch chart {
        case .pacing: return "Cumulative views at the end of each week (solid) against the straight line to the target (dashed)."
        case .weeklyGain: return "Views gained per week; corrections can make a week negative (red)."
        case .channels: return "Views to date by channel (measured platforms only)."
        case .audience(let event): return "People watching \(event) live, platforms stacked; a grey band is a gap in the readings, not zero viewers."
        }
    }

    static func render(_ chart: ReportDocument.Chart, _ report: ReachReport) -> String {
        [Frame.wide, Frame.narrow].map { frame in
            switch chart {
            case .pacing: return pacing(report, frame)
            case .weeklyGain: return weeklyBars(report, frame)
            case .channels: return channelBars(report, frame)
            case .audience(let event): return audience(report, event: event, frame)
            }
        }.joined()
    }

    private static func pacing(_ report: ReachReport, _ frame: Frame) -> String {
        let points = report.pacing.weeks
        guard !points.isEmpty else { return "" }
        let target = report.programme.target
        let scale = Scale(low: 0, high: max(target, points.map(\.cumulative).max() ?? 0, 1))
        func x(_ index: Int) -> Double { Double(frame.left) + frame.plotWidth * Double(index) / Double(max(1, points.count)) }
        func y(_ value: Int64) -> Double { Double(frame.top) + frame.plotHeight * (1 - scale.fraction(value)) }
        func line(_ values: [Int64]) -> String {
            zip(0..., [0] + values).map { "\(fixed(x($0))),\(fixed(y($1)))" }.joined(separator: " ")
        }
        var svg = open("Cumulative views against the target line", frame)
        svg += axes(scale, y: y, frame, xTitle: "programme week")
        svg += weekLabels(points.map(\.week), x: { x($0 + 1) }, frame)
        svg += "<polyline fill=\"none\" stroke=\"#9aa5b5\" stroke-width=\"2\" stroke-dasharray=\"6 4\" points=\"\(line(points.map(\.targetLine)))\"/>\n"
        svg += "<line x1=\"\(frame.left)\" x2=\"\(frame.width - frame.right)\" y1=\"\(fixed(y(target)))\" y2=\"\(fixed(y(target)))\" stroke=\"#c0392b\" stroke-dasharray=\"4 4\"/>\n"
        svg += "<polyline fill=\"none\" stroke=\"#3a7bd5\" stroke-width=\"3\" points=\"\(line(points.map(\.cumulative)))\"/>\n"
        // Drawn last, at the left where the lines are low, with a white halo: no line crosses it.
        svg += "<text class=\"halo\" x=\"\(frame.left + 6)\" y=\"\(fixed(y(target) - 6))\">target \(DisplayText.number(target))</text>\n"
        return svg + "</svg>\n"
    }

    private static func weeklyBars(_ report: ReachReport, _ frame: Frame) -> String {
        let points = report.pacing.weeks
        guard !points.isEmpty else { return "" }
        let values = points.map(\.gain)
        let scale = Scale(low: min(0, values.min() ?? 0), high: max(1, values.max() ?? 1))
        func y(_ value: Int64) -> Double { Double(frame.top) + frame.plotHeight * (1 - scale.fraction(value)) }
        let slot = frame.plotWidth / Double(values.count)
        var svg = open("Views gained per week", frame)
        svg += axes(scale, y: y, frame, xTitle: "programme week")
        for (index, value) in values.enumerated() {
            let x = Double(frame.left) + slot * Double(index) + slot * 0.15
            let (upper, lower) = (y(max(value, 0)), y(min(value, 0)))
            svg += "<rect x=\"\(fixed(x))\" y=\"\(fixed(upper))\" width=\"\(fixed(slot * 0.7))\" height=\"\(fixed(max(0.5, lower - upper)))\" fill=\"\(value < 0 ? "#c0392b" : "#3a7bd5")\"><title>W\(points[index].week): \(DisplayText.number(value))</title></rect>\n"
        }
        svg += weekLabels(points.map(\.week), x: { Double(frame.left) + slot * (Double($0) + 0.5) }, frame)
        return svg + "</svg>\n"
    }

    /// Channels as horizontal bars with their whole names above each bar: names are never
    /// cut, however long, and need no room on an axis.
    private static func channelBars(_ report: ReachReport, _ frame: Frame) -> String {
        let channels = report.byChannel
        guard !channels.isEmpty else { return "" }
        let scale = Scale(low: 0, high: max(1, channels.map(\.total).max() ?? 1))
        let left = 12, right = frame.width - 16
        func x(_ value: Int64) -> Double { Double(left) + Double(right - left) * scale.fraction(value) }
        // About 7.5 units a character at 13 px: a longer name wraps onto more lines.
        let labels = channels.map { TextReportRenderer.wrap("\($0.name) · \(DisplayText.number($0.total))", width: (right - left) * 2 / 15) }
        let height = frame.top + labels.map { 26 + 16 * $0.count }.reduce(0, +) + 30
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(frame.cssClass)\" width=\"\(frame.width)\" viewBox=\"0 0 \(frame.width) \(height)\" role=\"img\" aria-label=\"Views by channel\">\n<title>Views by channel</title>\n"
        var top = frame.top
        for (channel, lines) in zip(channels, labels) {
            for (index, line) in lines.enumerated() {
                svg += "<text x=\"\(left)\" y=\"\(top + 12 + 16 * index)\">\(DisplayText.html(line))</text>\n"
            }
            let barTop = top + 18 + 16 * (lines.count - 1)
            svg += "<rect x=\"\(left)\" y=\"\(barTop)\" width=\"\(fixed(max(0.5, x(channel.total) - Double(left))))\" height=\"14\" fill=\"#2f9e77\"><title>\(DisplayText.html(channel.name)): \(DisplayText.number(channel.total))</title></rect>\n"
            top = barTop + 22
        }
        svg += "<text class=\"axis-title\" x=\"\(left)\" y=\"\(height - 12)\">bar length: views to date</text>\n"
        return svg + "</svg>\n"
    }


    static func open(_ title: String, _ frame: Frame) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(frame.cssClass)\" width=\"\(frame.width)\" viewBox=\"0 0 \(frame.width) \(frame.height)\" role=\"img\" aria-label=\"\(DisplayText.html(title))\">\n<title>\(DisplayText.html(title))</title>\n"
    }

    /// Grid lines and labels at round values, and the axis titles.
    static func axes(_ scale: Scale, y: (Int64) -> Double, _ frame: Frame, xTitle: String, yTitle: String = "views") -> String {
        var svg = ""
        for value in scale.ticks {
            svg += "<line x1=\"\(frame.left)\" x2=\"\(frame.width - frame.right)\" y1=\"\(fixed(y(value)))\" y2=\"\(fixed(y(value)))\" stroke=\"\(value == 0 ? "#9aa5b5" : "#e6e9ef")\"/>\n"
            svg += "<text x=\"\(frame.left - 8)\" y=\"\(fixed(y(value) + 4))\" text-anchor=\"end\">\(DisplayText.number(value))</text>\n"
        }
        svg += "<text class=\"axis-title\" x=\"\(frame.left)\" y=\"\(frame.top - 10)\">\(yTitle)</text>\n"
        svg += "<text class=\"axis-title\" x=\"\(frame.width - frame.right)\" y=\"\(frame.height - 8)\" text-anchor=\"end\">\(xTitle)</text>\n"
        return svg
    }

    /// `W1`, `W2`, … under the plot; every second or fourth when there are many weeks.
    private static func weekLabels(_ weeks: [Int], x: (Int) -> Double, _ frame: Frame) -> String {
        let every = frame.labelEvery(weeks.count)
        return weeks.enumerated().filter { $0.offset % every == 0 || $0.offset == weeks.count - 1 }.map { index, week in
            "<text x=\"\(fixed(x(index)))\" y=\"\(frame.height - 30)\" text-anchor=\"middle\">W\(week)</text>\n"
        }.joined()
    }

    /// One decimal, always the same digits for the same value: golden files stay stable.
    static func fixed(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

/// A value axis with round ticks: steps of 1, 2 or 5 times a power of ten (25,000 not
/// 27,861), the range widened to whole steps.
struct Scale {
    let low: Int64
    let high: Int64
    let step: Int64

    init(low: Int64, high: Int64, ticks: Int = 4) {
        let span = max(1, high - low)
        let rough = Double(span) / Double(ticks)
        let power = pow10(Int(rough.magnitude.rounded(.down)).description.count - 1)
        let step = [1, 2, 5, 10].map { Int64($0) * power }.first { Double($0) >= rough } ?? 10 * power
        self.step = max(1, step)
        self.low = low >= 0 ? 0 : -((-low + self.step - 1) / self.step) * self.step
        self.high = ((high + self.step - 1) / self.step) * self.step
    }

    var ticks: [Int64] { Array(stride(from: low, through: high, by: Int64.Stride(step))) }

    func fraction(_ value: Int64) -> Double { Double(value - low) / Double(max(1, high - low)) }
}

private func pow10(_ exponent: Int) -> Int64 {
    (0..<max(0, exponent)).reduce(Int64(1)) { value, _ in value * 10 }
}
