/// One stream of the programme.
package struct Event: Sendable {
    package var id: String
    package var title: String
    package var kind: String
    package var genre: String?
    package var performers: [String]
    package var start: LocalDateTime
    package var durationMinutes: Int
    package var stage: String
    /// Platform channel id → the stream or video id on that platform.
    package var streams: [String: String]
    /// Where each part was written, so findings can point at it.
    package var locations: Locations

    package var end: LocalDateTime { start.adding(minutes: durationMinutes) }

    package struct Locations: Sendable {
        package var event: SourceLocation
        package var kind: SourceLocation
        package var stage: SourceLocation
        package var start: SourceLocation
        package var duration: SourceLocation
        package var streams: [String: SourceLocation]

        package init(event: SourceLocation) {
            self.event = event
            kind = event
            stage = event
            start = event
            duration = event
            streams = [:]
        }
    }
}
