import Foundation

/// `streamreach runs` as a table for people (scripts read `--format json`).
package enum RunListText {
    /// One line a run, newest first as given. The programme is a column only when the runs
    /// are of more than one, as in a store that venues share.
    package static func render(_ runs: [RunSummary]) -> String {
        guard !runs.isEmpty else { return "No runs stored yet.\n" }
        let programmes = Set(runs.map(\.programme)).count > 1
        var lines = ["run  started               took  series  ok  absent  failed  exit" + (programmes ? "  programme" : "")]
        for run in runs {
            let took = Int(run.finishedAt.timeIntervalSince(run.startedAt).rounded())
            let cells = [String(run.id).padding(toLength: 4, withPad: " ", startingAt: 0), InternetTime.string(from: run.startedAt),
                         "\(took)s".leftPadded(5), String(run.seriesCount).leftPadded(7), String(run.okCount).leftPadded(3),
                         String(run.absentCount).leftPadded(7), String(run.failedCount).leftPadded(7), String(run.exitStatus).leftPadded(5)]
            lines.append(cells.joined(separator: " ") + (programmes ? "  " + run.programme : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
