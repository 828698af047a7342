/// The sources file: how to read every platform channel, and the limits of a run.
package struct SourcesConfig: Sendable {
    package var sources: [String: SourceSpec]
    package var transfer: TransferOptions
    /// The whole run, retries included, must end within this.
    package var deadlineSeconds: Double
    package var maxAttempts: Int
    /// Every secret the file resolved, for redaction.
    package var redactor: Redactor
    package var file: String
}
