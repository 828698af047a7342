import Foundation
import Testing
@testable import StreamReachKit

/// The live poller's rules on made-up instants: when a stream is polled, how often, when it
/// has ended, and how failures back off.
@Suite struct LivePlanTests {
    /// One event, 17:00–18:00 Berlin (15:00–16:00 UTC on 2020-03-24), on YouTube.
    static let programme = try! TestProgramme.make(channels: [("yt", "youtube")], events: [("a", ["yt": "v1"])])
    static let start = ISO8601DateFormatter().date(from: "2020-03-24T16:00:00Z")!
    static let target = CollectionTarget(eventID: "a", channelID: "yt", streamID: "v1")

    static func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    @Test func pollingStartsFifteenMinutesBeforeAndNeverOutsideTheWindow() {
        let plan = LivePlan(programme: Self.programme, channels: ["yt"])
        #expect(plan.streams.map(\.plannedStart) == [Self.start])
        #expect(plan.due(at: Self.at(-16)).isEmpty)
        #expect(plan.due(at: Self.at(-15)) == [Self.target])
        #expect(plan.nextWake(after: Self.at(-60)) == Self.at(-15))
        #expect(plan.due(at: Self.at(60 + 31)).isEmpty, "30 minutes of grace after the planned end, no more")
        #expect(LivePlan(programme: Self.programme, channels: []).streams.isEmpty, "a channel without a live figure is not polled")
    }

    @Test func everyMinuteAndEveryFifteenSecondsAtTheEdgesOfTheSlot() {
        var plan = LivePlan(programme: Self.programme, channels: ["yt"])
        let stream = plan.streams[0]
        #expect(plan.interval(for: stream, at: Self.at(-5)) == 60, "before the start")
        #expect(plan.interval(for: stream, at: Self.at(0)) == 15)
        #expect(plan.interval(for: stream, at: Self.at(9.9)) == 15)
        #expect(plan.interval(for: stream, at: Self.at(10)) == 60)
        #expect(plan.interval(for: stream, at: Self.at(50.1)) == 15)
        #expect(plan.interval(for: stream, at: Self.at(60)) == 60, "after the planned end")
        _ = plan.record(.viewers(12), of: Self.target, at: Self.at(30))
        #expect(plan.nextWake(after: Self.at(30)) == Self.at(31))
        plan.stretch = 3
        _ = plan.record(.viewers(12), of: Self.target, at: Self.at(31))
        #expect(plan.nextWake(after: Self.at(31)) == Self.at(34), "a low quota stretches the wait")
    }

    /// Late cycles do not push the schedule: polls stay on the grid they started on, so over
    /// a thousand cycles the start times do not drift; a poll later than a whole wait
    /// starts a new grid instead of catching up with a burst.
    @Test func pollsStayOnTheirGridWhenCyclesRunLate() {
        var plan = LivePlan(programme: Self.programme, channels: ["yt"])
        _ = plan.record(.viewers(1), of: Self.target, at: Self.at(20))
        for minute in 21...40 {
            // Every poll runs 0.4 s after it was due.
            _ = plan.record(.viewers(1), of: Self.target, at: Self.at(Double(minute)).addingTimeInterval(0.4))
            #expect(plan.nextWake(after: Self.at(Double(minute))) == Self.at(Double(minute + 1)))
        }
        _ = plan.record(.viewers(1), of: Self.target, at: Self.at(43.5))
        #expect(plan.nextWake(after: Self.at(43.5)) == Self.at(44.5), "more than a wait late: a new grid from now")
    }

    @Test func aStreamEndsWhenItsFigureIsGoneNearOrAfterTheEndOfItsSlot() {
        var plan = LivePlan(programme: Self.programme, channels: ["yt"])
        #expect(plan.record(.absent, of: Self.target, at: Self.at(-10)) == nil, "not live yet")
        #expect(plan.record(.viewers(40), of: Self.target, at: Self.at(0))?.to == .live)
        #expect(plan.record(.absent, of: Self.target, at: Self.at(30)) == nil, "a hidden count mid-slot is not the end")
        #expect(plan.streams[0].state == .live)
        let end = plan.record(.absent, of: Self.target, at: Self.at(52))
        #expect(end == LivePlan.Change(target: Self.target, from: .live, to: .ended, at: Self.at(52)))
        #expect(plan.due(at: Self.at(53)).isEmpty)
        #expect(plan.nextWake(after: Self.at(53)) == nil)
    }

    @Test func aStreamNeverSeenLiveIsNotEndedByAMissingFigure() {
        var plan = LivePlan(programme: Self.programme, channels: ["yt"])
        #expect(plan.record(.absent, of: Self.target, at: Self.at(55)) == nil)
        #expect(plan.streams[0].state == .waiting)
        let closed = plan.closeWindows(at: Self.at(91))
        #expect(closed.map(\.to) == [.ended])
        #expect(closed.map(\.from) == [.waiting])
    }

    @Test func failuresBackOffAndRecover() {
        var plan = LivePlan(programme: Self.programme, channels: ["yt"])
        #expect(plan.record(.viewers(5), of: Self.target, at: Self.at(20))?.to == .live)
        #expect(plan.record(.failed, of: Self.target, at: Self.at(21))?.to == .failing)
        #expect(plan.nextWake(after: Self.at(21)) == Self.at(23), "twice the minute")
        #expect(plan.record(.failed, of: Self.target, at: Self.at(23)) == nil, "one line per change, not per poll")
        #expect(plan.nextWake(after: Self.at(23)) == Self.at(27))
        _ = plan.record(.failed, of: Self.target, at: Self.at(27))
        #expect(plan.nextWake(after: Self.at(27)) == Self.at(32), "at most five minutes")
        _ = plan.record(.failed, of: Self.target, at: Self.at(32))
        #expect(plan.nextWake(after: Self.at(32)) == Self.at(37))
        #expect(plan.record(.viewers(7), of: Self.target, at: Self.at(37)) == LivePlan.Change(target: Self.target, from: .failing, to: .live, at: Self.at(37)))
        #expect(plan.nextWake(after: Self.at(37)) == Self.at(38))
    }

    @Test func aRestartKnowsWhatEndedAndWhatWasLive() {
        var plan = LivePlan(programme: Self.programme, channels: ["yt"])
        plan.resume(at: Self.at(55), endedBefore: [])
        #expect(plan.record(.absent, of: Self.target, at: Self.at(55))?.to == .ended, "started before the restart: taken as live")
        var over = LivePlan(programme: Self.programme, channels: ["yt"])
        over.resume(at: Self.at(70), endedBefore: [LivePlan.key("a", "yt")])
        #expect(over.due(at: Self.at(70)).isEmpty)
    }
}
