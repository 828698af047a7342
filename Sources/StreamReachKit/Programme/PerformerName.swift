/// Performers are named by hand in many places of a programme file.
package enum PerformerName {
    /// Same person whatever the spacing or case: "Kai  Schumacher" is "kai schumacher".
    package static func normalised(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
