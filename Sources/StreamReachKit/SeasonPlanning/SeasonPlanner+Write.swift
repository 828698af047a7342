extension SeasonPlanner {
    /// The programme file's `text` with `plan` applied, and the programme read back from it.
    /// The text is read back before anything is written, so a file is never left half done.
    package func apply(_ plan: SeasonPlan, to text: String) throws -> (text: String, programme: Programme) {
        var editor = ProgrammeTextEditor(text: text, programme: programme)
        for id in plan.cancelled { editor.remove(id) }
        let events = Dictionary(programme.events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for move in plan.moved {
            if let event = events[move.event] { editor.move(event, to: move.to, stage: move.toStage) }
        }
        for placed in plan.placed {
            guard let act = pool.act(id: placed.act) else { continue }
            let avoided = act.excludedChannels.filter { programme.channel(id: $0)?.sort == .platform }
            let event = Event(id: act.id, title: act.title, kind: act.kind, genre: act.genre, performers: act.performers,
                              start: placed.start, durationMinutes: act.durationMinutes, stage: placed.stage, streams: [:],
                              locations: Event.Locations(event: act.location))
            editor.add(event, notes: avoided.isEmpty ? [] : ["not to be streamed on \(avoided.joined(separator: ", ")) (act pool: channels.avoid)"])
        }
        let edited = try editor.result()
        let reread = try ProgrammeLoader.parse(edited, file: programme.file)
        return (edited, reread)
    }
}
