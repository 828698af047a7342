/// A report laid out as sections of paragraphs, tables and charts, once, so the text,
/// Markdown and HTML renderers print the same content and differ only in markup.
package struct ReportDocument: Sendable {
    package struct Table: Sendable {
        package let headers: [String]
        package let rows: [[String]]
        /// Columns holding numbers: right-aligned.
        package let numeric: Set<Int>
    }

    package enum Chart: Sendable {
        /// Cumulative views per week against the straight line to the target.
        case pacing
        /// Views gained per week.
        case weeklyGain
        /// Total per channel.
        case channels
        /// People watching one event live, its platforms stacked.
        case audience(event: String)
    }

    package enum Block: Sendable {
        case paragraph(String)
        case table(Table)
        case chart(Chart)
    }

    package struct Section: Sendable {
        package let title: String
        package let blocks: [Block]
    }

    package let title: String
    package let subtitle: String
    package let sections: [Section]
    /// The programme's report, for the charts and the glance; nil for a network's document,
    /// which has tables only.
    package let report: ReachReport?
}
