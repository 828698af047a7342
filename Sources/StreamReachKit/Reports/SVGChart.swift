/// Hand-drawn SVG for the three charts of the HTML report. No chart library exists among
/// the packages here, and the charts are simple enough that a few lines draw them.
enum SVGChart {
    static let width = 720
    static let height = 260
    static let margin = (left: 72, right: 16, top: 16, bottom: 36)

    static func caption(_ chart: ReportDocument.Chart) -> String {
        switch chart {
        case .pacing: return "Cumulative views at the end of each week (solid) against the straight line to the target (dashed)."
        case .weeklyGain: return "Views gained per week; corrections can make a week negative (red)."
        case .channels: return "Views to date by channel (measured platforms only)."
        }
    }

    static func render(_ chart: ReportDocument.Chart, _ report: ReachReport) -> String {
        switch chart {
        case .pacing: return pacing(report)
        case .weeklyGain: return bars(title: "Views gained per week", labels: report.pacing.weeks.map { "W\($0.week)" },
                                      values: report.pacing.weeks.map(\.gain), colour: "#3a7bd5")
        case .channels: return bars(title: "Views by channel", labels: report.byChannel.map(\.name),
                                    values: report.byChannel.map(\.total), colour: "#2f9e77")
        }
    }

    private static func pacing(_ report: ReachReport) -> String {
        let points = report.pacing.weeks
        guard !points.isEmpty else { return "" }
        let top = max(report.programme.target, points.map(\.cumulative).max() ?? 0, 1)
        let plotWidth = Double(width - margin.left - margin.right)
        let plotHeight = Double(height - margin.top - margin.bottom)
        func x(_ index: Int) -> Double { Double(margin.left) + plotWidth * Double(index) / Double(max(1, points.count)) }
        func y(_ value: Int64) -> Double { Double(margin.top) + plotHeight * (1 - Double(value) / Double(top)) }
        let cumulative = ([(0, Int64(0))] + points.enumerated().map { ($0.offset + 1, $0.element.cumulative) })
            .map { "\(fixed(x($0.0))),\(fixed(y($0.1)))" }.joined(separator: " ")
        let targetLine = ([(0, Int64(0))] + points.enumerated().map { ($0.offset + 1, $0.element.targetLine) })
            .map { "\(fixed(x($0.0))),\(fixed(y($0.1)))" }.joined(separator: " ")
        var svg = open(title: "Cumulative views against the target line")
        svg += axes(top: top, y: y)
        svg += "<line x1=\"\(margin.left)\" x2=\"\(width - margin.right)\" y1=\"\(fixed(y(report.programme.target)))\" y2=\"\(fixed(y(report.programme.target)))\" stroke=\"#c0392b\" stroke-dasharray=\"4 4\"/>\n"
        svg += "<polyline fill=\"none\" stroke=\"#9aa5b5\" stroke-width=\"2\" stroke-dasharray=\"6 4\" points=\"\(targetLine)\"/>\n"
        svg += "<polyline fill=\"none\" stroke=\"#3a7bd5\" stroke-width=\"3\" points=\"\(cumulative)\"/>\n"
        for (index, point) in points.enumerated() {
            svg += "<text x=\"\(fixed(x(index + 1)))\" y=\"\(height - 14)\" text-anchor=\"middle\">W\(point.week)</text>\n"
        }
        svg += "<text x=\"\(width - margin.right)\" y=\"\(fixed(y(report.programme.target) - 6))\" text-anchor=\"end\">target \(DisplayText.number(report.programme.target))</text>\n"
        return svg + "</svg>\n"
    }

    private static func bars(title: String, labels: [String], values: [Int64], colour: String) -> String {
        guard !values.isEmpty else { return "" }
        let top = max(1, values.max() ?? 1)
        let bottom = min(0, values.min() ?? 0)
        let plotWidth = Double(width - margin.left - margin.right)
        let plotHeight = Double(height - margin.top - margin.bottom)
        func y(_ value: Int64) -> Double { Double(margin.top) + plotHeight * Double(top - value) / Double(top - bottom) }
        let slot = plotWidth / Double(values.count)
        var svg = open(title: title)
        svg += axes(top: top, y: y)
        for (index, value) in values.enumerated() {
            let x = Double(margin.left) + slot * Double(index) + slot * 0.15
            let (upper, lower) = (y(max(value, 0)), y(min(value, 0)))
            svg += "<rect x=\"\(fixed(x))\" y=\"\(fixed(upper))\" width=\"\(fixed(slot * 0.7))\" height=\"\(fixed(max(0.5, lower - upper)))\" fill=\"\(value < 0 ? "#c0392b" : colour)\"><title>\(DisplayText.html(labels[index])): \(DisplayText.number(value))</title></rect>\n"
            let label = labels[index].count > 14 ? String(labels[index].prefix(13)) + "…" : labels[index]
            svg += "<text x=\"\(fixed(x + slot * 0.35))\" y=\"\(height - 14)\" text-anchor=\"middle\">\(DisplayText.html(label))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static func open(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(DisplayText.html(title))\">\n<title>\(DisplayText.html(title))</title>\n"
    }

    private static func axes(top: Int64, y: (Int64) -> Double) -> String {
        var svg = ""
        for step in 0...4 {
            let value = top * Int64(step) / 4
            svg += "<line x1=\"\(margin.left)\" x2=\"\(width - margin.right)\" y1=\"\(fixed(y(value)))\" y2=\"\(fixed(y(value)))\" stroke=\"#e6e9ef\"/>\n"
            svg += "<text x=\"\(margin.left - 8)\" y=\"\(fixed(y(value) + 4))\" text-anchor=\"end\">\(DisplayText.number(value))</text>\n"
        }
        return svg
    }

    /// One decimal, always the same digits for the same value: golden files stay stable.
    private static func fixed(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
