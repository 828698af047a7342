/// The exit codes of `streamreach`, from sysexits(3) where one fits, so cron and scripts can
/// tell "fix the input" from "try again tomorrow".
package enum ExitStatus: Int32, Sendable, CaseIterable {
    /// All went well.
    case ok = 0
    /// The command ran and found problems (e.g. `plan check` found errors).
    case findings = 1
    /// The command line was wrong (EX_USAGE).
    case usage = 64
    /// An input file could not be read or understood (EX_DATAERR).
    case dataError = 65
    /// StreamReach or a library under it failed where it should not, e.g. libcurl refused a
    /// setup call (EX_SOFTWARE): a bug to report, not something a retry fixes.
    case software = 70
    /// An output file could not be created (EX_CANTCREAT).
    case cannotCreateOutput = 73
    /// The database file is not a StreamReach database or is damaged (EX_IOERR): a retry
    /// cannot help; restore it or move it aside.
    case damagedDatabase = 74
    /// Something failed that may work next time: network, a platform, a held lock (EX_TEMPFAIL).
    case temporaryFailure = 75
    /// The configuration is wrong (EX_CONFIG).
    case configError = 78
}

/// An error that knows which exit status it means. Every error the library throws to the
/// command line conforms, so the status is decided where the error is defined and the CLI
/// maps errors to exit codes in one place (`StreamReach.main`).
package protocol ExitStatusReporting: Error {
    var exitStatus: ExitStatus { get }
}

extension ExitStatus {
    /// The status an error stands for: its own where it says, else "software" (a bug).
    package init(for error: any Error) {
        self = (error as? any ExitStatusReporting)?.exitStatus ?? .software
    }
}
