/// A value that JSON writes as one string (a date, a time of day): Codable through its text.
protocol TextCodable: Codable {
    init?(codableText: String)
    var codableText: String { get }
    /// What the value is, for the error when a text is not one.
    static var codableKind: String { get }
}

extension TextCodable {
    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(codableText: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a \(Self.codableKind): \(text)"))
        }
        self = value
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(codableText)
    }
}
