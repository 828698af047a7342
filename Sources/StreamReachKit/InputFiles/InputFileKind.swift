/// The kinds of YAML file StreamReach reads, each told by the one top-level key it cannot
/// do without and no other kind has.
///
/// Given a file of another kind (the sources file where the programme goes, a network file
/// without `--network`), a loader says which file it was given and where that one goes,
/// instead of listing each of its keys as unknown and every key it lacks as missing.
enum InputFileKind: CaseIterable, Sendable {
    case programme
    case sources
    case network
    case actPool

    /// The top-level key a file of this kind must have.
    var signatureKey: String {
        switch self {
        case .programme: "series"
        case .sources: "sources"
        case .network: "network"
        case .actPool: "acts"
        }
    }

    /// What the loaders call the file in their messages ("the programme file needs `series`").
    var title: String {
        switch self {
        case .programme: "the programme file"
        case .sources: "the sources file"
        case .network: "the network file"
        case .actPool: "the act pool"
        }
    }

    var name: String {
        switch self {
        case .programme: "a programme"
        case .sources: "a sources file"
        case .network: "a network file"
        case .actPool: "an act pool"
        }
    }

    /// Where a file of this kind is given on the command line.
    var use: String {
        switch self {
        case .programme: "a programme is the file named first: `collect PROGRAMME`, `report PROGRAMME`, `plan check PROGRAMME`, …"
        case .sources: "a sources file goes to `--sources` (`collect`, `live`, `quota`)"
        case .network: "a network file goes to `report --network`"
        case .actPool: "an act pool goes to `--acts` (`plan fill`, `plan replan`)"
        }
    }
}
