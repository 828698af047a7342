/// What a planning run decided: where each act goes, which could not go anywhere and why,
/// and what the soft wishes cost. `plan fill` and `plan replan` print it and write it.
package struct SeasonPlan: Sendable, Encodable {
    package var placed: [PlacedAct] = []
    package var unplaced: [UnplacedAct] = []
    /// Events moved to make room (re-planning only), with where they were.
    package var moved: [MovedEvent] = []
    /// Events taken out of the programme (re-planning only).
    package var cancelled: [String] = []
    /// Acts of the pool that are events of the programme already: left where they are.
    package var alreadyPlaced: [String] = []
    package var cost = WishCost()

    package var allPlaced: Bool { unplaced.isEmpty }
}

package struct PlacedAct: Sendable, Encodable {
    package var act: String
    package var title: String
    package var kind: String
    package var start: LocalDateTime
    package var durationMinutes: Int
    package var stage: String
    /// Why it went there, in words.
    package var why: String
    /// The wishes this placement costs, each with its points.
    package var wishes: [WishNote]

    private enum CodingKeys: String, CodingKey {
        case act, title, kind, start, stage, why, wishes
        case durationMinutes = "duration-minutes"
    }
}

package struct WishNote: Sendable, Encodable, CustomStringConvertible {
    package var cost: Int
    package var note: String
    package var description: String { "+\(cost) \(note)" }
}

package struct UnplacedAct: Sendable, Encodable {
    package var act: String
    package var title: String
    package var location: SourceLocation
    package var reason: String
}

package struct MovedEvent: Sendable, Encodable {
    package var event: String
    package var from: LocalDateTime
    package var fromStage: String
    package var to: LocalDateTime
    package var toStage: String
    package var why: String

    private enum CodingKeys: String, CodingKey {
        case event, from, to, why
        case fromStage = "from-stage", toStage = "to-stage"
    }
}
